package io.pgcarry.migrate.apply;

import java.sql.SQLException;

/**
 * A statement of a migration run that failed: the file's own, or pgcarry's ledger statement ({@code step} null).
 * Checked, and kept inside this package: the runners turn it into a {@link FileFailure}.
 */
final class StepFailure extends Exception {
    private final transient ScriptStep step;
    private final String own;
    private final long waitedMillis;
    private final boolean retryable;

    /**
     * @param step         the statement, or null for pgcarry's own
     * @param own          what pgcarry's own statement did ({@code writing the ledger row}), when {@code step} is null
     * @param cause        PostgreSQL's error
     * @param waitedMillis how long the statement ran before it failed
     * @param retryable    whether trying again may succeed where it stands (outside a transaction block the file opened)
     */
    StepFailure(ScriptStep step, String own, SQLException cause, long waitedMillis, boolean retryable) {
        super(cause.getMessage(), cause);
        this.step = step;
        this.own = own;
        this.waitedMillis = waitedMillis;
        this.retryable = retryable;
    }

    ScriptStep step() {
        return step;
    }

    SQLException sqlException() {
        return (SQLException) getCause();
    }

    long waitedMillis() {
        return waitedMillis;
    }

    /** A lock timeout (55P03) or a deadlock (40P01) where trying again can succeed. */
    boolean lockProblem() {
        String state = sqlException().getSQLState();
        return retryable && ("55P03".equals(state) || "40P01".equals(state));
    }

    int line() {
        return step == null ? 0 : step.line();
    }

    /** The failed statement as the report shows it: its first line, or what pgcarry was doing. */
    String statement() {
        return step == null ? own : step.shown();
    }
}
