package io.pgcarry.schema;

/**
 * The content hash a guarded drop or merge records at plan time and compares at run time: one SQL expression over the
 * rows a query yields, run by the plan's measurement on TARGET and again, verbatim, by the guard.
 *
 * <p>Why a sum of row hashes rather than an md5 of the ordered rows: it needs no sort and no string as long as the
 * table (an aggregated string stops at 1 GB), it does not depend on the order rows come in, and a changed, added or
 * removed row changes it but for odds of one in 2^64. It is made to notice rows changed between planning and running,
 * not to resist someone forging rows.
 */
final class ContentHash {
    private ContentHash() {
    }

    /** The hash of {@code row} (a row value such as {@code ROW(r.*)}) over the rows of the query, as 32 hex digits. */
    static String of(String row) {
        return "pg_catalog.md5(coalesce(pg_catalog.sum(('x' || pg_catalog.left(pg_catalog.md5((" + row
                + ")::text), 16))::bit(64)::bigint::numeric), 0)::text)";
    }

    /** The first digits of a hash, for a hazard line. */
    static String shortForm(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }
}
