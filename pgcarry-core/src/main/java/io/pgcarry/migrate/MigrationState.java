package io.pgcarry.migrate;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where one migration stands, comparing its file with the tool's ledger. */
public enum MigrationState {
    /** In the ledger as applied, and the file is what was applied (or the tool keeps no checksum). */
    APPLIED("applied", false),
    /** On disk, not in the ledger: the tool's next run applies it. */
    PENDING("pending", true),
    /** In the ledger as started and not finished: failed, or applied in part. */
    FAILED("failed", true),
    /** The file's checksum differs from the one the ledger recorded: edited after it was applied. */
    MODIFIED("modified", true),
    /** The file differs from what was applied only in its line endings (CRLF and LF): shown, not a fault. */
    LINE_ENDINGS_ONLY("line-endings-only", false),
    /** In the ledger, but no file on disk. */
    MISSING("missing", true),
    /** Not applied and older than a newer applied one, under a tool that never runs it (a high-water mark). */
    SKIPPED("skipped", true),
    /** Not applied and older than a newer applied one, under a tool that applies it late, out of order. */
    OUT_OF_ORDER("out-of-order", true);

    private final String label;
    private final boolean fault;

    MigrationState(String label, boolean fault) {
        this.label = label;
        this.fault = fault;
    }

    /** The name shown in the table and in JSON: {@code line-endings-only}. */
    @JsonValue
    public String label() {
        return label;
    }

    /** Whether this state makes {@code migrate status} exit 1: anything but applied (with or without line-ending changes). */
    public boolean fault() {
        return fault;
    }

    @Override
    public String toString() {
        return label;
    }
}
