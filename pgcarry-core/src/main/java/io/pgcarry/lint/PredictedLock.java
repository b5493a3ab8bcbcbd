package io.pgcarry.lint;

import java.util.Objects;

/**
 * A lock a statement is predicted to take, from PostgreSQL's documented lock levels.
 *
 * @param relation the table, index or materialized view, as the statement names it
 * @param mode     the mode
 */
public record PredictedLock(TableRef relation, LockMode mode) {
    public PredictedLock {
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(mode, "mode");
    }

    @Override
    public String toString() {
        return mode + " on " + relation;
    }
}
