package io.pgcarry.rehearse;

import io.pgcarry.lint.LockMode;
import io.pgcarry.migrate.apply.MigrationScript;
import io.pgcarry.migrate.apply.ScriptStep;
import io.pgcarry.migrate.apply.TransactionMode;
import io.pgcarry.migrate.apply.TransactionRules;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * Runs the migration files on the scratch session statement by statement, each measured by {@link StatementMeter}
 * (a file that runs in one transaction under {@code migrate apply} has each statement in a transaction of its own
 * here, and the hold times it would have in one are worked out afterwards). The first failure stops the run, as it
 * stops {@code migrate apply}: the statements after it are reported as not run.
 */
final class Rehearsal {
    private final Connection session;
    private final StatementMeter meter;
    private final LockTimeoutTrial trial;
    private final Consumer<String> progress;
    private final Map<String, Long> deadRows = new LinkedHashMap<>();
    private final List<Run> runs = new ArrayList<>();
    private volatile int phase = -1;
    private boolean failed;
    private long firstStart = -1;

    /**
     * One statement as it ran.
     *
     * @param file             its file
     * @param step             the statement
     * @param inTransaction    whether it was measured in a transaction of its own (else in autocommit, its locks sampled)
     * @param fileTransaction  whether {@code migrate apply} runs its file in one transaction
     * @param measurement      what it did, or null when it did not run
     * @param trial            its lock_timeout trial, or null
     * @param heldUntilFileEnd its locks' hold time under {@code migrate apply}
     */
    record Run(String file, ScriptStep step, boolean inTransaction, boolean fileTransaction, Measurement measurement, TimeoutTrial trial,
               double heldUntilFileEnd) {
    }

    Rehearsal(Connection session, StatementMeter meter, LockTimeoutTrial trial, Consumer<String> progress) {
        this.session = session;
        this.meter = meter;
        this.trial = trial;
        this.progress = progress;
    }

    /** What the rehearsal is running now, for probes: 2i while statement i runs, 2i+1 during its trial, -1 between. */
    int phase() {
        return phase;
    }

    void run(List<MigrationScript> scripts) throws SQLException {
        for (MigrationScript script : scripts) {
            reset();
            int first = runs.size();
            boolean fileTransaction = script.mode() == TransactionMode.TRANSACTION;
            for (ScriptStep step : script.steps()) {
                if (!fileTransaction || step.control() != TransactionRules.Control.FOLD) {
                    runs.add(failed ? new Run(script.file(), step, false, fileTransaction, null, null, 0)
                            : run(script.file(), step, fileTransaction));
                }
            }
            if (fileTransaction) {
                holdUntilFileEnd(first);
            }
        }
    }

    /**
     * Measures one statement: in a transaction of its own when it may run in one and no transaction block of the
     * file's is open (the same as autocommit, in a file run statement by statement), else in autocommit, sampled.
     */
    private Run run(String file, ScriptStep step, boolean fileTransaction) throws SQLException {
        boolean inTransaction = fileTransaction || step.outsideTransaction() == null && step.control() == TransactionRules.Control.NONE
                && idle();
        int index = runs.size();
        progress.accept(file + ":" + step.line() + " " + step.shown());
        phase = 2 * index;
        Measurement m = inTransaction ? meter.inTransaction(step) : meter.outsideTransaction(step);
        phase = -1;
        firstStart = firstStart < 0 ? m.startNanos() : firstStart;
        failed = m.failure() != null;
        m.deadRows().forEach((table, n) -> deadRows.merge(table, n, Long::sum));
        TimeoutTrial t = null;
        List<String> exclusive = m.locks().stream().filter(l -> !l.created() && l.mode() == LockMode.ACCESS_EXCLUSIVE
                && l.kind().equals("table")).map(HeldLock::relation).toList();
        if (trial != null && !failed && inTransaction && !exclusive.isEmpty()) {
            phase = 2 * index + 1;
            t = trial.run(step, exclusive);
            phase = -1;
        }
        return new Run(file, step, inTransaction, fileTransaction, m, t, (m.commitNanos() - m.startNanos()) / 1e9);
    }

    /**
     * In a file run in one transaction, every lock is held until the file's last statement ends: the time of the
     * statement and of those after it (not of the trials between them).
     */
    private void holdUntilFileEnd(int first) {
        double after = 0;
        for (int i = runs.size() - 1; i >= first; i--) {
            Run r = runs.get(i);
            if (r.measurement() != null && !failed) {
                after += (r.measurement().commitNanos() - r.measurement().startNanos()) / 1e9;
                runs.set(i, new Run(r.file(), r.step(), r.inTransaction(), true, r.measurement(), r.trial(), after));
            }
        }
    }

    private boolean idle() throws SQLException {
        return session.unwrap(BaseConnection.class).getTransactionState() == TransactionState.IDLE;
    }

    /** Settings back to the role's defaults before each file, as {@code migrate apply} does. */
    private void reset() throws SQLException {
        try (Statement s = session.createStatement()) {
            s.execute("RESET ALL");
            s.execute("SELECT pg_catalog.set_config('application_name', 'pgcarry rehearse', false)");
        }
    }

    List<Run> runs() {
        return List.copyOf(runs);
    }

    Map<String, Long> deadRows() {
        return Map.copyOf(deadRows);
    }

    long firstStart() {
        return firstStart;
    }
}
