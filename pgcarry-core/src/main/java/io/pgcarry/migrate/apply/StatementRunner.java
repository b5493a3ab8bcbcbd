package io.pgcarry.migrate.apply;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.error.SqlErrors;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a migration file that holds a statement PostgreSQL refuses inside a transaction block, statement by statement,
 * each committed on its own (a {@code BEGIN ... COMMIT} the file writes is sent as written). The ledger first records
 * the file as started (committed), so that a stop half-way leaves the tool's failed row; each statement runs under a
 * session {@code lock_timeout} set again just before it, and a statement that times out on a lock is tried again on its
 * own after a back-off (not inside a transaction block of the file's, which the timeout aborted). A concurrent index
 * build that fails leaves an INVALID index: it is dropped before the retry or the report.
 */
final class StatementRunner {
    private final ApplySession session;
    private final LedgerWriter writer;
    private final QualifiedName ledger;
    private final RunSettings settings;
    private final FileRunner files;
    private final List<String> ran = new ArrayList<>();
    private final List<String> dropped = new ArrayList<>();
    /** Statements sent since the file's own BEGIN, undone if its block fails; -1 outside a block. */
    private int blockStart = -1;

    StatementRunner(ApplySession session, LedgerWriter writer, QualifiedName ledger, RunSettings settings, FileRunner files) {
        this.session = session;
        this.writer = writer;
        this.ledger = ledger;
        this.settings = settings;
        this.files = files;
    }

    FileRun run(PendingMigration pending) {
        long started = System.nanoTime();
        LockRetry retry = settings.retry(pending.file());
        LedgerRun run = settings.ledgerRun(pending.migration(), FileRunner.now());
        String key;
        try {
            key = retry.run(() -> {
                String[] k = new String[1];
                inOwnTransaction("recording the start in the ledger", () -> k[0] = writer.started(session.connection(), ledger, run));
                return k[0];
            });
        } catch (StepFailure f) {
            return files.run(pending, 0, started, retry, List.of(), FileRunner.failure(f, true, List.of(), "nothing recorded"));
        }
        try {
            for (ScriptStep step : pending.script().steps()) {
                statement(step, retry, key);
            }
            endOfFile(pending);
            String k = key;
            retry.run(() -> {
                inOwnTransaction("writing the ledger row", () -> writer.finished(session.connection(), ledger, k,
                        run.finished(FileRunner.millis(started), ran.size())));
                return null;
            });
            return files.run(pending, ran.size(), started, retry, dropped, null);
        } catch (StepFailure f) {
            return stopped(pending, run, key, started, retry, f);
        }
    }

    private void statement(ScriptStep step, LockRetry retry, String key) throws StepFailure {
        boolean concurrentBuild = TransactionRules.buildsIndexConcurrently(step.outsideTransaction());
        Map<Long, QualifiedName> invalidBefore = concurrentBuild ? invalidIndexes() : Map.of();
        boolean wasIdle = idle();
        retry.run(() -> {
            files.execute(step, false);
            return null;
        }, f -> {
            if (concurrentBuild) {
                dropNewInvalid(invalidBefore);
            }
        });
        if (wasIdle && !idle()) {
            blockStart = ran.size();
        } else if (!wasIdle && idle()) {
            blockStart = -1;
        }
        ran.add("line " + step.line() + ": " + step.shown());
        if (idle()) {
            try {
                writer.progressed(session.connection(), ledger, key, ran.size());
            } catch (SQLException e) {
                throw new StepFailure(null, "counting the statements in the ledger", e, 0, false);
            }
        }
    }

    /** A file that opened a transaction block and never closed it: PostgreSQL would roll it back at the session's end. */
    private void endOfFile(PendingMigration pending) throws StepFailure {
        if (!idle()) {
            throw new StepFailure(null, "the end of " + pending.file(), new SQLException("the file opened a transaction block "
                    + "(BEGIN) and never ended it; rolled back", "25001"), 0, false);
        }
    }

    private FileRun stopped(PendingMigration pending, LedgerRun run, String key, long started, LockRetry retry, StepFailure f) {
        boolean inBlock = !idle();
        session.rollbackQuietly();
        List<String> stay = inBlock && blockStart >= 0 ? ran.subList(0, blockStart) : ran;
        LedgerRun failed = FileRunner.failed(run, started, stay.size(), f);
        String recorded = files.record(() -> writer.stopped(session.connection(), ledger, key, failed));
        return files.run(pending, stay.size(), started, retry, dropped, FileRunner.failure(f, false, stay, recorded));
    }

    private void inOwnTransaction(String what, FileRunner.SqlCall call) throws StepFailure {
        try {
            session.connection().setAutoCommit(false);
            files.own(what, () -> {
                call.run();
                session.connection().commit();
            });
        } catch (SQLException e) {
            throw new StepFailure(null, what, e, 0, false);
        } catch (StepFailure f) {
            session.rollbackQuietly();
            throw f;
        } finally {
            try {
                session.connection().setAutoCommit(true);
            } catch (SQLException ignored) {
                // a lost connection: the next statement reports it
            }
        }
    }

    private Map<Long, QualifiedName> invalidIndexes() throws StepFailure {
        try {
            return session.invalidIndexes();
        } catch (SQLException e) {
            throw new StepFailure(null, "listing INVALID indexes", e, 0, false);
        }
    }

    /** Drops the INVALID indexes the failed build left (those that were not INVALID before it). */
    private void dropNewInvalid(Map<Long, QualifiedName> before) {
        try {
            for (Map.Entry<Long, QualifiedName> index : session.invalidIndexes().entrySet()) {
                if (!before.containsKey(index.getKey())) {
                    drop(index.getValue());
                }
            }
        } catch (SQLException e) {
            dropped.add("INVALID indexes could not be listed: " + SqlErrors.describe(e) + "; look for them in pg_index.indisvalid");
        }
    }

    private void drop(QualifiedName index) {
        try (Statement s = session.connection().createStatement()) {
            session.lockTimeout(false);
            s.execute("DROP INDEX CONCURRENTLY IF EXISTS " + index.sql());
            dropped.add(index + " (INVALID, dropped)");
            settings.progress().note("dropped the INVALID index " + index + " the failed build left");
        } catch (SQLException e) {
            dropped.add(index + " (INVALID, NOT dropped: " + SqlErrors.describe(e) + "; drop it with DROP INDEX CONCURRENTLY)");
        }
    }

    private boolean idle() {
        try {
            return session.idle();
        } catch (SQLException e) {
            return true;
        }
    }
}
