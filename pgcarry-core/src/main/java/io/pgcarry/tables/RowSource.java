package io.pgcarry.tables;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a table's row count comes from: only {@link #EXACT} is a count, the others are the server's estimates. */
public enum RowSource {
    /** {@code count(*)}, with {@code --exact}. */
    EXACT("count(*)"),
    /** {@code pg_class.reltuples}, as the last VACUUM, ANALYZE or CREATE INDEX measured it. */
    RELTUPLES("pg_class.reltuples"),
    /** The statistics' {@code n_live_tup}, for a table never measured (it starts again from 0 at a statistics reset). */
    LIVE_TUPLES("n_live_tup"),
    /** A partitioned table some of whose partitions were measured: reltuples where measured, n_live_tup elsewhere. */
    MIXED("pg_class.reltuples, n_live_tup where never measured");

    private final String label;

    RowSource(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    /** Whether the count is an estimate. */
    public boolean estimated() {
        return this != EXACT;
    }
}
