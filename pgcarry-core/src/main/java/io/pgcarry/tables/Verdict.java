package io.pgcarry.tables;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How much a table is in use, weakest first (the order {@code pgcarry tables} lists them in): the strongest evidence
 * found decides.
 */
public enum Verdict {
    /** No writes or scans since the statistics were reset, and nothing in the database refers to it. */
    UNUSED("unused"),
    /** No writes or scans since the reset, but foreign keys, views, rules, triggers, functions or policies refer to it. */
    REFERENCED("referenced"),
    /** Scanned (sequentially or through an index) since the reset, never written. */
    READ("read"),
    /** Rows inserted, updated or deleted since the reset. */
    WRITTEN("written");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** The word shown in the table and in JSON: {@code unused}. */
    @JsonValue
    public String label() {
        return label;
    }
}
