package io.pgcarry.migrate.apply;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.error.SqlErrors;
import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * Runs one pending migration and writes its ledger row. A file whose statements can all run in a transaction runs in
 * one, with its row: each statement is sent after {@code SET LOCAL lock_timeout}, and on a lock timeout the whole
 * transaction is rolled back and tried again after a back-off. A failure rolls everything back and leaves only what the
 * tool records of a failure. Files that cannot run in a transaction go to {@link StatementRunner}.
 */
final class FileRunner {
    private final ApplySession session;
    private final LedgerWriter writer;
    private final QualifiedName ledger;
    private final RunSettings settings;

    FileRunner(ApplySession session, LedgerWriter writer, QualifiedName ledger, RunSettings settings) {
        this.session = session;
        this.writer = writer;
        this.ledger = ledger;
        this.settings = settings;
    }

    FileRun run(PendingMigration pending) throws SQLException {
        session.reset();
        settings.progress().note("applying " + pending.file() + " (" + pending.script().mode() + ", "
                + statements(pending.script().statementCount()) + ")");
        if (pending.script().mode() == TransactionMode.STATEMENTS) {
            return new StatementRunner(session, writer, ledger, settings, this).run(pending);
        }
        return inTransaction(pending);
    }

    private FileRun inTransaction(PendingMigration pending) {
        long started = System.nanoTime();
        LockRetry retry = settings.retry(pending.file());
        LedgerRun first = settings.ledgerRun(pending.migration(), now());
        try {
            int ran = retry.run(() -> attempt(pending, started));
            return run(pending, ran, started, retry, List.of(), null);
        } catch (StepFailure f) {
            String recorded = record(() -> writer.failedInTransaction(session.connection(), ledger,
                    failed(first, started, 0, f)));
            return run(pending, 0, started, retry, List.of(), failure(f, true, List.of(), recorded));
        }
    }

    /** One try: every statement, then the ledger row, then COMMIT; any failure rolls all of it back. */
    private int attempt(PendingMigration pending, long started) throws StepFailure {
        LedgerRun run = settings.ledgerRun(pending.migration(), now());
        try {
            session.connection().setAutoCommit(false);
            int ran = 0;
            for (ScriptStep step : pending.script().steps()) {
                if (step.control() != TransactionRules.Control.FOLD) {
                    execute(step, true);
                    ran++;
                }
            }
            int count = ran;
            own("writing the ledger row", () -> writer.applied(session.connection(), ledger, run.finished(millis(started), count)));
            own("committing", () -> session.connection().commit());
            return ran;
        } catch (SQLException e) {
            throw new StepFailure(null, "starting the transaction", e, 0, false);
        } catch (StepFailure f) {
            session.rollbackQuietly();
            throw f;
        } finally {
            autoCommit();
        }
    }

    /** Sends {@code step} under the lock timeout, for the transaction ({@code local}) or the session. */
    void execute(ScriptStep step, boolean local) throws StepFailure {
        long started = System.nanoTime();
        try {
            session.lockTimeout(local);
            if (step.copyData() != null) {
                session.connection().unwrap(PGConnection.class).getCopyAPI().copyIn(step.sql(), new StringReader(step.copyData()));
            } else {
                try (Statement s = session.connection().createStatement()) {
                    s.execute(step.sql());
                }
            }
        } catch (SQLException e) {
            throw new StepFailure(step, null, e, millis(started), local || idleQuietly());
        } catch (IOException e) {
            throw new StepFailure(step, null, new SQLException(e.getMessage(), "58030", e), millis(started), false);
        }
    }

    /** Runs one of pgcarry's own statements, under the lock timeout for the transaction. */
    void own(String what, SqlCall call) throws StepFailure {
        long started = System.nanoTime();
        try {
            session.lockTimeout(true);
            call.run();
        } catch (SQLException e) {
            throw new StepFailure(null, what, e, millis(started), true);
        }
    }

    /** What the ledger says after a failure; if even that cannot be written, says so. */
    String record(LedgerCall call) {
        try {
            session.connection().setAutoCommit(false);
            session.lockTimeout(true);
            String recorded = call.run();
            session.connection().commit();
            return recorded;
        } catch (SQLException e) {
            session.rollbackQuietly();
            return "the failure could not be recorded in " + ledger + ": " + SqlErrors.describe(e);
        } finally {
            autoCommit();
        }
    }

    static FileFailure failure(StepFailure f, boolean rolledBack, List<String> ran, String recorded) {
        SQLException e = f.sqlException();
        return new FileFailure(f.line(), f.statement(), e.getSQLState(), SqlErrors.describe(e), rolledBack, ran, recorded);
    }

    static LedgerRun failed(LedgerRun run, long started, int statementsRun, StepFailure f) {
        String described = SqlErrors.describe(f.sqlException());
        String message = described.replaceFirst("^\\[[0-9A-Z]{5}] ", "");
        String where = f.line() == 0 ? " (" + f.statement() + ")" : " (line " + f.line() + ")";
        return run.failed(millis(started), statementsRun, f.sqlException().getSQLState(), message + where);
    }

    FileRun run(PendingMigration p, int ran, long started, LockRetry retry, List<String> invalidIndexes, FileFailure failure) {
        return new FileRun(p.migration().version(), p.migration().name(), p.file(), p.script().mode(), ran, millis(started),
                retry.waits(), invalidIndexes, failure);
    }

    static long millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    static String statements(int n) {
        return n + (n == 1 ? " statement" : " statements");
    }

    private boolean idleQuietly() {
        try {
            return session.idle();
        } catch (SQLException e) {
            return false;
        }
    }

    private void autoCommit() {
        try {
            session.connection().setAutoCommit(true);
        } catch (SQLException ignored) {
            // a lost connection: the next statement reports it
        }
    }

    /** A statement of pgcarry's that returns nothing. */
    @FunctionalInterface
    interface SqlCall {
        void run() throws SQLException;
    }

    /** A ledger statement that says what it recorded. */
    @FunctionalInterface
    interface LedgerCall {
        String run() throws SQLException;
    }
}
