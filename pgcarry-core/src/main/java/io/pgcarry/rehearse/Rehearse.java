package io.pgcarry.rehearse;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.connect.Connector;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.lint.LintReport;
import io.pgcarry.migrate.apply.MigrationScript;
import io.pgcarry.migrate.apply.ScriptStep;
import io.pgcarry.parallel.Outcome;
import io.pgcarry.schema.SchemaModel;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * {@code pgcarry rehearse}: the pending migrations of a live database run on a scratch copy of it, every statement
 * measured ({@link StatementMeter}), optionally under probe traffic ({@link TrafficProbes}) and lock_timeout trials
 * ({@link LockTimeoutTrial}); then what the migration leaves behind and the proof of the state after it
 * ({@link Aftermath}). The live database is only read. A copy pgcarry made is dropped at the end, on failure too.
 */
public final class Rehearse {
    private final Connector connector;

    public Rehearse(Connector connector) {
        this.connector = connector;
    }

    public RehearsalResult run(RehearseRequest request, Consumer<String> progress) {
        long started = System.nanoTime();
        PendingScripts pending = PendingScripts.read(connector, request);
        progress.accept(pending.scripts().size() + " migration file(s) to rehearse");
        try (ScratchDatabase scratch = open(request, progress)) {
            // lint's prediction is only shown beside the measurements: read meanwhile, off the rehearsal's path (not
            // before the copy is made: CREATE DATABASE ... TEMPLATE needs the live database to itself)
            CompletableFuture<LintReport> lint = Predictions.lintMeanwhile(connector, request);
            Aftermath aftermath = new Aftermath(connector, scratch.spec());
            SchemaModel schemaBefore = request.proof() ? aftermath.schema() : null;
            Measured measured = measure(request, scratch, pending.scripts(), progress);
            PostState post = null;
            if (request.proof()) {
                progress.accept("proving the state after the migration");
                post = aftermath.postState(schemaBefore, request.on(), touched(measured));
            }
            LintReport predicted = Outcome.of(lint);
            boolean passed = measured.statements().stream().allMatch(s -> s.failure() == null && s.overBudget().isEmpty());
            return new RehearsalResult(request.on().redactedUrl(), scratch.spec().database(), scratch.method(), scratch.dropped(),
                    measured.serverVersion(), pending.tool(), pending.scripts().stream().map(MigrationScript::file).toList(),
                    Predictions.attach(predicted, measured.statements()), measured.timeline(), measured.leftovers(), post,
                    request.probeTraffic(), (System.nanoTime() - started) / 1e9, passed, predicted);
        }
    }

    private ScratchDatabase open(RehearseRequest request, Consumer<String> progress) {
        if (request.scratch() != null) {
            return ScratchDatabase.provided(connector, request.on(), request.scratch());
        }
        progress.accept("copying " + request.on().database() + " into a scratch database");
        return ScratchDatabase.copy(connector, request.on(), request.keep(), new CopyProgress() {
            @Override
            public void phase(String name) {
                progress.accept(name);
            }
        });
    }

    private Measured measure(RehearseRequest request, ScratchDatabase scratch, List<MigrationScript> scripts, Consumer<String> progress) {
        try (Connection session = connector.open(scratch.spec());
             LockWatcher watcher = new LockWatcher(connector.open(scratch.spec()), pid(session));
             Connection reader = request.lockTimeout() == null ? null : connector.open(scratch.spec())) {
            Aftermath.Snapshot damageBefore = Aftermath.snapshot(session);
            RelationSnapshot initial = RelationSnapshot.read(session, List.of(), false);
            StatementMeter meter = new StatementMeter(session, watcher, initial.relations().keySet());
            LockTimeoutTrial trial = reader == null ? null : new LockTimeoutTrial(session, reader, request.lockTimeout());
            Rehearsal rehearsal = new Rehearsal(session, meter, trial, progress);
            TrafficProbes probes = request.probeTraffic() ? TrafficProbes.start(connector, scratch.spec(),
                    probed(initial, scripts), rehearsal::phase) : null;
            try {
                rehearsal.run(scripts);
            } finally {
                if (probes != null) {
                    probes.close();
                }
            }
            List<String> tables = tables(initial).stream().map(QualifiedName::toString).toList();
            Leftovers leftovers = Aftermath.leftovers(session, damageBefore, rehearsal.deadRows());
            return Measured.of(rehearsal, probes == null ? null : probes.waits(), request, version(session), tables, leftovers);
        } catch (SQLException e) {
            throw SqlErrors.translate("rehearsing on the scratch database " + scratch.spec().database(), e);
        }
    }

    /** The existing tables the statements name: those the probes exercise. */
    private static List<QualifiedName> probed(RelationSnapshot initial, List<MigrationScript> scripts) {
        return StatementTables.mentioned(tables(initial), scripts.stream().flatMap(s -> s.steps().stream()).map(ScriptStep::sql).toList());
    }

    private static List<QualifiedName> tables(RelationSnapshot snapshot) {
        return snapshot.relations().values().stream().filter(r -> r.kind().equals("r") || r.kind().equals("p"))
                .map(RelationSnapshot.Relation::name).sorted().toList();
    }

    /** The tables there were before that any statement locked, in any mode: the others must keep their content. */
    private static Set<String> touched(Measured measured) {
        Set<String> touched = new LinkedHashSet<>();
        measured.statements().forEach(s -> s.locks().forEach(l -> touched.add(l.table())));
        touched.retainAll(measured.tables());
        return touched;
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_catalog.pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
