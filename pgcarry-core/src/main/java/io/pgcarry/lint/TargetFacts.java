package io.pgcarry.lint;

import java.util.Optional;

/**
 * What the database a migration will run on says about the relations it touches. {@link #NONE} knows nothing (a lint
 * without {@code --to}); {@link DatabaseFacts} reads a live database as a non-superuser.
 */
public interface TargetFacts {
    /** Knows nothing: every table is taken to exist, with an unknown size. */
    TargetFacts NONE = new TargetFacts() {
    };

    /** Whether these facts come from a database (otherwise every answer is empty). */
    default boolean known() {
        return false;
    }

    /** The relation's total size in bytes (with indexes and TOAST) and estimated rows; empty when it does not exist or is unknown. */
    default Optional<RelationSize> size(TableRef relation) {
        return Optional.empty();
    }

    /** The column's type as {@code format_type} writes it ({@code character varying(20)}); empty when unknown. */
    default Optional<String> columnType(TableRef table, String column) {
        return Optional.empty();
    }

    /** Whether the column is already NOT NULL or has a validated {@code CHECK (column IS NOT NULL)}. */
    default boolean provenNotNull(TableRef table, String column) {
        return false;
    }

    /** The volatility of the functions named {@code name} (the most volatile overload): empty when unknown. */
    default Optional<Volatility> volatility(String name) {
        return Optional.empty();
    }

    /** The table an index belongs to; empty when unknown. */
    default Optional<TableRef> indexTable(TableRef index) {
        return Optional.empty();
    }

    /**
     * A relation's size.
     *
     * @param bytes {@code pg_total_relation_size}
     * @param rows  {@code pg_class.reltuples}, an estimate; -1 when never analysed
     */
    record RelationSize(long bytes, long rows) {
    }

    /** A function's volatility, as {@code pg_proc.provolatile} says. */
    enum Volatility {
        IMMUTABLE, STABLE, VOLATILE
    }
}
