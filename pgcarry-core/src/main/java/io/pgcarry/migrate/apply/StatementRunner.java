package io.pgcarry.migrate.apply;

import io.pgcarry.catalog.QualifiedName;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
    private final Map<Long, QualifiedName> leftovers = new LinkedHashMap<>();
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
            key = retry.run(() -> inOwnTransaction("recording the start in the ledger",
                    () -> writer.started(session.connection(), ledger, run)));
        } catch (StepFailure f) {
            return files.run(pending, 0, started, retry, List.of(), FileRunner.failure(f, true, List.of(), "nothing recorded"));
        }
        try {
            for (ScriptStep step : pending.script().steps()) {
                statement(step, retry, key);
            }
            endOfFile(pending);
            String k = key;
            retry.run(() -> inOwnTransaction("writing the ledger row", () -> {
                writer.finished(session.connection(), ledger, k, run.finished(FileRunner.millis(started), ran.size()));
                return null;
            }));
            return files.run(pending, ran.size(), started, retry, invalidIndexReport(), null);
        } catch (StepFailure f) {
            return stopped(pending, run, key, started, retry, f);
        }
    }

    private void statement(ScriptStep step, LockRetry retry, String key) throws StepFailure {
        boolean concurrentBuild = TransactionRules.buildsIndexConcurrently(step.outsideTransaction());
        Map<Long, QualifiedName> invalidBefore = concurrentBuild ? invalidIndexes() : Map.of();
        boolean wasIdle = idle();
        retry.run(() -> {
            dropLeftovers();
            files.execute(step, false);
            return null;
        }, f -> {
            if (concurrentBuild) {
                collectLeftovers(invalidBefore);
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
        try {
            dropLeftovers();
        } catch (StepFailure stillWaiting) {
            // reported as NOT dropped
        }
        return files.run(pending, stay.size(), started, retry, invalidIndexReport(), FileRunner.failure(f, false, stay, recorded));
    }

    /** One of pgcarry's ledger statements in a transaction of its own, under the lock timeout; returns what it returns. */
    private String inOwnTransaction(String what, FileRunner.LedgerCall call) throws StepFailure {
        String[] result = new String[1];
        try {
            session.connection().setAutoCommit(false);
            files.own(what, () -> {
                result[0] = call.run();
                session.connection().commit();
            });
            return result[0];
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

    /** Notes the INVALID indexes the failed build left (those that were not INVALID before it) and tries to drop them now. */
    private void collectLeftovers(Map<Long, QualifiedName> before) throws StepFailure {
        try {
            session.invalidIndexes().forEach((oid, index) -> {
                if (!before.containsKey(oid)) {
                    leftovers.put(oid, index);
                }
            });
        } catch (SQLException e) {
            throw new StepFailure(null, "listing INVALID indexes", e, 0, false);
        }
        try {
            dropLeftovers();
        } catch (StepFailure waitedTooLong) {
            // DROP INDEX CONCURRENTLY waits for the same sessions the build waited for: tried again before the next build
        }
    }

    /** Drops the INVALID indexes failed builds left, before the build is tried again; a drop that times out is retried too. */
    private void dropLeftovers() throws StepFailure {
        for (Iterator<Map.Entry<Long, QualifiedName>> it = leftovers.entrySet().iterator(); it.hasNext(); ) {
            QualifiedName index = it.next().getValue();
            long started = System.nanoTime();
            try (Statement s = session.connection().createStatement()) {
                session.lockTimeout(false);
                s.execute("DROP INDEX CONCURRENTLY IF EXISTS " + index.sql());
            } catch (SQLException e) {
                throw new StepFailure(null, "dropping the INVALID index " + index, e, FileRunner.millis(started), idle());
            }
            it.remove();
            dropped.add(index + " (INVALID, dropped)");
            settings.progress().note("dropped the INVALID index " + index + " a failed concurrent build left");
        }
    }

    /** The report's list: the INVALID indexes dropped, and those still there. */
    private List<String> invalidIndexReport() {
        List<String> report = new ArrayList<>(dropped);
        leftovers.values().forEach(i -> report.add(i + " (INVALID, NOT dropped: drop it with DROP INDEX CONCURRENTLY " + i.sql() + ")"));
        return report;
    }

    private boolean idle() {
        try {
            return session.idle();
        } catch (SQLException e) {
            return true;
        }
    }
}
