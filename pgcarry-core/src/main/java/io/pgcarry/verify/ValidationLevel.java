package io.pgcarry.verify;

/** How deep a validation looks. */
public enum ValidationLevel {
    /** Row counts, orphans and sequences. */
    COUNT,
    /** Also a content hash per table. */
    HASH,
    /** Also, for tables whose hashes differ, the differing rows down to their primary keys. */
    FULL
}
