package io.pgcarry.migrate.apply;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.connect.Connector;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.migrate.LocalMigration;
import io.pgcarry.migrate.MigrateStatus;
import io.pgcarry.migrate.MigrationRow;
import io.pgcarry.migrate.MigrationSql;
import io.pgcarry.migrate.MigrationState;
import io.pgcarry.migrate.StatusReading;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code pgcarry migrate apply}: under the database's migrate lock, reads {@code migrate status} (the same computation,
 * in one transaction), refuses when a migration is modified, missing, failed or skipped, and otherwise runs each pending
 * migration in the tool's order, recording it in the tool's own ledger; the first failure stops the run. With
 * {@code dryRun} it reads, plans and writes nothing.
 */
public final class MigrateApply {
    /** The states that stop an apply: running anything past them would be a guess. */
    static final Set<MigrationState> FAULTS = EnumSet.of(MigrationState.MODIFIED, MigrationState.MISSING, MigrationState.FAILED,
            MigrationState.SKIPPED);
    private static final Set<MigrationState> TO_RUN = EnumSet.of(MigrationState.PENDING, MigrationState.OUT_OF_ORDER);

    private final Connector connector;

    public MigrateApply(Connector connector) {
        this.connector = connector;
    }

    public ApplyResult apply(ApplyRequest request, ApplyProgress progress) {
        if (request.tool() != null) {
            LedgerWriters.of(request.tool());
        }
        if (!Files.isDirectory(request.directory())) {
            throw new ConfigurationException("migration directory " + request.directory() + " does not exist or is not a directory");
        }
        try (Connection c = connector.open(request.target())) {
            if (!request.dryRun()) {
                MigrateLock.acquire(c, request.waitForLock(), progress);
            }
            try {
                return applyLocked(c, request, progress);
            } finally {
                if (!request.dryRun()) {
                    MigrateLock.release(c);
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("applying migrations to " + request.target().address(), e);
        }
    }

    /** The apply itself, under the migrate lock (none for a dry run). */
    private ApplyResult applyLocked(Connection c, ApplyRequest request, ApplyProgress progress) throws SQLException {
        StatusReading reading = read(c, request);
        LedgerWriter writer = LedgerWriters.of(reading.support().tool());
        List<MigrationRow> faults = reading.status().migrations().stream().filter(r -> FAULTS.contains(r.state())).toList();
        if (!faults.isEmpty()) {
            return result(request, reading, ApplyOutcome.REFUSED, null, List.of(), List.of(), refusal(faults));
        }
        List<PendingMigration> pending = pending(reading);
        List<FilePlan> plan = pending.stream().map(MigrateApply::plan).toList();
        String ledger = reading.ledger().map(QualifiedName::toString).orElse(null);
        if (request.dryRun() || pending.isEmpty()) {
            ApplyOutcome outcome = request.dryRun() ? ApplyOutcome.PLANNED : ApplyOutcome.APPLIED;
            return result(request, reading, outcome, ledger, plan, List.of(), null);
        }
        return run(c, request, reading, writer, pending, plan, progress);
    }

    /** {@code migrate status}, read in one repeatable-read transaction. */
    private static StatusReading read(Connection c, ApplyRequest request) throws SQLException {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            StatusReading reading = MigrateStatus.inspect(c, request.statusRequest());
            c.commit();
            return reading;
        } finally {
            c.rollback();
            c.setAutoCommit(true);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
    }

    private static String refusal(List<MigrationRow> faults) {
        String counts = FAULTS.stream().map(s -> faults.stream().filter(r -> r.state() == s).count() + " " + s)
                .filter(t -> !t.startsWith("0 ")).collect(Collectors.joining(", "));
        String rows = faults.stream().map(r -> r.version() + " " + r.name() + " (" + r.state() + ")").collect(Collectors.joining(", "));
        return "migrate status shows " + counts + ": " + rows + "; nothing was applied";
    }

    /** The migrations to run, in the tool's order, each read and split (any file that cannot run is refused here). */
    private static List<PendingMigration> pending(StatusReading reading) {
        List<PendingMigration> pending = new ArrayList<>();
        for (MigrationRow row : reading.status().migrations()) {
            if (TO_RUN.contains(row.state())) {
                LocalMigration migration = reading.local().stream().filter(m -> m.files().get(0).equals(row.file())).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no migration read for " + row.file()));
                String sql = MigrationSql.read(reading.support().tool(), reading.directory().resolve(row.file()), row.file());
                MigrationScript script = MigrationScript.parse(row.file(), sql);
                pending.add(new PendingMigration(migration, script, row.note()));
            }
        }
        return pending;
    }

    /**
     * The scripts {@code migrate apply} would run for {@code reading}, in its order, each read and split as it reads
     * them (pending and out-of-order migrations); {@code rehearse} runs the same ones.
     */
    public static List<MigrationScript> pendingScripts(StatusReading reading) {
        return pending(reading).stream().map(PendingMigration::script).toList();
    }

    private static FilePlan plan(PendingMigration p) {
        MigrationScript script = p.script();
        List<StatementHazard> hazards = script.steps().stream()
                .filter(s -> script.mode() == TransactionMode.STATEMENTS || s.control() != TransactionRules.Control.FOLD)
                .map(s -> new StatementHazard(s.line(), s.shown(), StatementHazards.of(s).stream().map(Object::toString).toList()))
                .filter(h -> !h.hazards().isEmpty()).toList();
        return new FilePlan(p.migration().version(), p.migration().name(), p.file(), script.mode(), script.statementCount(),
                script.reasons(), hazards, p.note());
    }

    private static ApplyResult run(Connection c, ApplyRequest request, StatusReading reading, LedgerWriter writer,
                                   List<PendingMigration> pending, List<FilePlan> plan, ApplyProgress progress) throws SQLException {
        ApplySession session = new ApplySession(c, request.lockTimeout());
        session.reset();
        QualifiedName ledger = reading.ledger().isPresent() ? reading.ledger().get() : create(session, writer, request, progress);
        RunSettings settings = new RunSettings(request.retries(), request.backoff(), session.currentUser(), progress);
        FileRunner runner = new FileRunner(session, writer, ledger, settings);
        List<FileRun> runs = new ArrayList<>();
        for (PendingMigration p : pending) {
            FileRun run = runner.run(p);
            runs.add(run);
            if (!run.applied()) {
                progress.note(p.file() + " FAILED: " + run.failure().error());
                return result(request, reading, ApplyOutcome.FAILED, ledger.toString(), plan, runs, null);
            }
            progress.note("applied " + p.file() + " in " + LockRetry.seconds(run.millis()));
        }
        return result(request, reading, ApplyOutcome.APPLIED, ledger.toString(), plan, runs, null);
    }

    /** The tool's ledger, created as the tool creates it, in a transaction of its own. */
    private static QualifiedName create(ApplySession session, LedgerWriter writer, ApplyRequest request, ApplyProgress progress)
            throws SQLException {
        Connection c = session.connection();
        QualifiedName table = writer.defaultTable(c, request.ledgerSchema());
        try {
            c.setAutoCommit(false);
            session.lockTimeout(true);
            writer.create(c, table);
            c.commit();
        } catch (SQLException e) {
            session.rollbackQuietly();
            throw SqlErrors.translate("creating the ledger " + table, e);
        } finally {
            c.setAutoCommit(true);
        }
        progress.note("created the ledger " + table);
        return table;
    }

    private static ApplyResult result(ApplyRequest request, StatusReading reading, ApplyOutcome outcome, String ledger,
                                      List<FilePlan> plan, List<FileRun> runs, String refusal) {
        return new ApplyResult(outcome, reading.status(), ledger, request.lockTimeout().toMillis(), request.retries(), plan, runs,
                refusal);
    }
}
