package io.pgcarry.move;

import io.pgcarry.arrival.SchemaCheck;
import io.pgcarry.arrival.Structure;
import io.pgcarry.arrival.StructureDiff;
import io.pgcarry.arrival.StructureReader;
import io.pgcarry.catalog.SnapshotLocks;
import io.pgcarry.check.CheckReport;
import io.pgcarry.check.ChecksFailedException;
import io.pgcarry.check.Preflight;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.Sessions;
import io.pgcarry.connect.SharedSnapshot;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.hash.ContentHash;
import io.pgcarry.hash.ContentTotals;
import io.pgcarry.parallel.TaskGraph;
import io.pgcarry.plan.MovePlan;
import io.pgcarry.plan.TableMove;
import io.pgcarry.report.Problem;
import io.pgcarry.verify.ValidationReport;
import io.pgcarry.verify.Validator;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code pgcarry move} as a service: check in the snapshot, set aside keys and indexes through the journal,
 * copy in parallel, restore, set sequences, analyse, validate. {@link #resume} continues an unfinished run.
 */
public final class Move {
    /** Problems that are expected when continuing an unfinished run. */
    private static final Set<String> EXPECTED_ON_RESUME = Set.of("TARGET_NOT_EMPTY", "MOVE_UNFINISHED");

    private final Connector connector;

    public Move(Connector connector) {
        this.connector = connector;
    }

    public MoveResult run(MoveRequest request, CopyProgress progress) {
        return SnapshotLocks.retried(() -> execute(request, progress, false));
    }

    public MoveResult resume(MoveRequest request, CopyProgress progress) {
        return SnapshotLocks.retried(() -> execute(request, progress, true));
    }

    private MoveResult execute(MoveRequest request, CopyProgress progress, boolean resume) {
        long started = System.nanoTime();
        try (SharedSnapshot snapshot = SharedSnapshot.open(connector, request.from());
             Connection target = Sessions.prepare(connector.open(request.to()));
             LockWatcher watcher = LockWatcher.start(() -> Sessions.prepare(connector.open(request.to())), progress)) {
            SnapshotLocks.awaitExclusive(snapshot.coordinator(), connector.lockWait(), "the source");
            watcher.watch(target);
            target.setAutoCommit(false);
            Optional<Journal.Run> unfinished = Journal.unfinished(target);
            target.commit();
            // A kill before the first commit leaves nothing to resume: the target is untouched, so start afresh.
            resume = resume && unfinished.isPresent();
            progress.phase("checking");
            Preflight.Result checked = new Preflight(request.options()).run(snapshot.coordinator(), target);
            target.commit();
            CheckReport report = report(request, checked, resume);
            if (!report.passed()) {
                throw new ChecksFailedException(report);
            }
            MovePlan plan = checked.plan();
            SnapshotLocks.protect(snapshot, plan.tables().stream().map(t -> t.source().name()).toList(),
                    connector.lockWait(), "the source");
            String fingerprint = Fingerprint.of(plan, request.options());
            long run;
            if (resume) {
                run = unfinished.get().id();
                if (!unfinished.get().fingerprint().equals(fingerprint)) {
                    throw new ConfigurationException("the unfinished move (run " + run + ") copied other tables or columns; "
                            + "resume it with the same --map, --include, --exclude and options, or undo it with --abort");
                }
            } else {
                run = prepare(target, snapshot, request, checked, fingerprint);
            }
            // Read now: the journal, and the structure recorded with it, are dropped once the run is done.
            Optional<Structure> before = StructureJournal.recorded(target, run);
            List<CopyRange> ranges = Journal.ranges(target, run);
            List<JournalObject> objects = Journal.objects(target, run);
            target.commit();
            progress.phase("copying");
            progress.copyStarting(plan.tables().stream().mapToLong(t -> t.source().estimatedRows()).sum(),
                    plan.tables().stream().mapToLong(t -> t.source().sizeBytes()).sum());
            Map<io.pgcarry.catalog.QualifiedName, ContentHash> hashes = hashedWhileCopied(request, plan, snapshot.coordinator(), target);
            Map<io.pgcarry.catalog.QualifiedName, ContentHash.CopyHash> copyHashes = new java.util.HashMap<>();
            plan.tables().stream().filter(t -> hashes.containsKey(t.target().name()))
                    .forEach(t -> copyHashes.put(t.target().name(), hashes.get(t.target().name()).copyHash(t.binary())));
            Map<io.pgcarry.catalog.QualifiedName, LoadTasks.TableFigures> figures;
            Map<io.pgcarry.catalog.QualifiedName, ContentTotals> hashedTargets;
            try (LoadTasks load = new LoadTasks(snapshot, run, progress, copyHashes, hashes)) {
                TaskGraph.run("loading", request.jobs(), load.tasks(plan.tables(), ranges, objects),
                        () -> watcher.watch(SetAsideReturn.session(connector, request.to())));
                figures = load.figures();
                hashedTargets = load.hashedTargets();
            }
            Map<io.pgcarry.catalog.QualifiedName, ContentTotals> copied = new java.util.HashMap<>();
            figures.values().stream().filter(f -> f.copied() != null).forEach(f -> copied.put(f.table(), f.copied()));
            progress.phase("sequences");
            int sequences = SequenceSync.sync(plan, snapshot.coordinator(), target);
            target.commit();
            Journal.setStatus(target, run, "done");
            target.commit();
            Journal.dropIfIdle(target);
            target.commit();
            SchemaCheck schema = StructureDiff.check(before, StructureReader.read(target, plan.targetTables()), "the move");
            target.commit();
            ValidationReport validation = null;
            if (request.validation() != null) {
                progress.phase("validating");
                // A resumed run's check read the target while its foreign keys were set aside: validate against the
                // target as the load left it, with every key back, as a fresh run does.
                MovePlan validated = resume ? new MovePlan(plan.source(), io.pgcarry.catalog.CatalogReader.read(target), plan.tables(),
                        plan.problems()) : plan;
                target.commit();
                validation = new Validator(request.jobs()).validate(snapshot::reader,
                        () -> Sessions.prepare(connector.open(request.to())), validated, request.options().mapping().references(),
                        request.validation(), copied, hashedTargets, validatedForeignKeys(objects));
            }
            List<TableResult> tables = new ArrayList<>();
            figures.values().forEach(f -> tables.add(new TableResult(f.table().toString(), f.rows(), f.bytes(), f.seconds(), f.ranges())));
            return new MoveResult(report, run, resume, tables, tables.stream().mapToLong(TableResult::rows).sum(),
                    tables.stream().mapToLong(TableResult::bytes).sum(), objects.size(), sequences, validation,
                    (System.nanoTime() - started) / 1e9, schema);
        } catch (SQLException e) {
            throw SqlErrors.translate("moving data", e);
        }
    }

    /**
     * The content hash of each table whose source hash is summed from the rows as they are copied (the copy appends
     * each row's source-side hash) and whose target hash is taken as soon as it is loaded: with a hashing validation,
     * tables copied unchanged (a converted column's hash casts on the source, which must not fail the copy itself).
     * Neither side is then read again by the validation when the two agree.
     */
    private static Map<io.pgcarry.catalog.QualifiedName, ContentHash> hashedWhileCopied(MoveRequest request, MovePlan plan,
                                                                                       Connection source, Connection target)
            throws SQLException {
        if (request.validation() == null || request.validation() == io.pgcarry.verify.ValidationLevel.COUNT) {
            return Map.of();
        }
        String sourceEncoding = Sessions.serverEncoding(source);
        String targetEncoding = Sessions.serverEncoding(target);
        target.commit();
        Map<io.pgcarry.catalog.QualifiedName, ContentHash> hashes = new java.util.HashMap<>();
        for (TableMove table : plan.tables()) {
            if (table.copiedUnchanged() && !table.columns().isEmpty()) {
                hashes.put(table.target().name(), ContentHash.of(table).inEncodings(sourceEncoding, targetEncoding));
            }
        }
        return hashes;
    }

    /** Labels of the foreign keys the load validated (all journaled ones that were valid: the load ends with them). */
    private static Set<String> validatedForeignKeys(List<JournalObject> objects) {
        return objects.stream().filter(o -> o.kind() == SetAsideKind.FOREIGN_KEY && o.wasValid())
                .map(o -> io.pgcarry.catalog.Constraint.label(o.table(), o.name())).collect(java.util.stream.Collectors.toSet());
    }

    private static CheckReport report(MoveRequest request, Preflight.Result checked, boolean resume) {
        List<Problem> problems = checked.problems().stream()
                .filter(p -> !(resume && EXPECTED_ON_RESUME.contains(p.code()))).toList();
        return CheckReport.of(request.from(), request.to(), checked.plan(), problems);
    }

    /** One transaction: the run, its tables, the set-aside objects (dropped as they are journaled), the ranges. */
    private long prepare(Connection target, SharedSnapshot snapshot, MoveRequest request, Preflight.Result checked, String fingerprint)
            throws SQLException {
        MovePlan plan = checked.plan();
        Map<io.pgcarry.catalog.QualifiedName, Long> rowsBefore = checked.targetRows();
        // The journal and the run commit together, with everything set aside, or not at all.
        Journal.create(target);
        long run = Journal.startRun(target, fingerprint, request.from().redactedUrl());
        // Before anything is set aside: what the target must look like again once the move (or its abort) is over.
        StructureJournal.record(target, run, StructureReader.read(target, plan.targetTables()));
        Map<io.pgcarry.catalog.QualifiedName, Long> emptyAfterPrepare = new java.util.HashMap<>(rowsBefore);
        for (TableMove move : plan.tables()) {
            Journal.addTable(target, run, move.target().name(), rowsBefore.getOrDefault(move.target().name(), 0L));
        }
        List<JournalObject> objects;
        if (request.options().truncateTarget()) {
            emptyAfterPrepare.replaceAll((table, rows) -> 0L);
        }
        List<JournalObject> chosen = SetAside.choose(plan.target(), TargetLinks.partitionForeignKeys(target),
                checked.deferredChecks(), emptyAfterPrepare, request.options().disableTriggers());
        // A key or index that a view, or a foreign key left in place, depends on stays: dropping it would fail.
        Set<JournalObject> pinned = TargetLinks.dependedOn(target, chosen);
        objects = chosen.stream().filter(o -> !pinned.contains(o)).toList();
        SetAside.apply(target, run, objects);
        if (request.options().truncateTarget()) {
            truncate(target, plan.targetTables());
        }
        RangePlanner ranges = request.splitRows() == 0 ? RangePlanner.balanced(plan.tables(), request.jobs())
                : new RangePlanner(request.splitRows());
        for (TableMove move : plan.tables()) {
            for (CopyRange range : ranges.plan(snapshot.coordinator(), move)) {
                Journal.addRange(target, run, range);
            }
        }
        Journal.setStatus(target, run, "copying");
        target.commit();
        return run;
    }

    /** Empties tables with TRUNCATE; an extension's configuration table loses only its user rows. */
    static void truncate(Connection target, Set<io.pgcarry.catalog.QualifiedName> tables) throws SQLException {
        Set<io.pgcarry.catalog.QualifiedName> rest = deleteConfigRows(target, tables);
        if (rest.isEmpty()) {
            return;
        }
        try (Statement s = target.createStatement()) {
            s.execute("TRUNCATE " + String.join(", ", rest.stream().map(io.pgcarry.catalog.QualifiedName::sql).toList()));
        }
    }

    /**
     * Deletes the user rows of those {@code tables} that are extension configuration tables (a TRUNCATE would take
     * the extension's own rows too) and returns the other tables.
     */
    private static Set<io.pgcarry.catalog.QualifiedName> deleteConfigRows(Connection target, Set<io.pgcarry.catalog.QualifiedName> tables)
            throws SQLException {
        Map<io.pgcarry.catalog.QualifiedName, String> configs = io.pgcarry.catalog.ExtensionConfig.tables(target);
        Set<io.pgcarry.catalog.QualifiedName> rest = new java.util.LinkedHashSet<>(tables);
        try (Statement s = target.createStatement()) {
            for (io.pgcarry.catalog.QualifiedName table : tables) {
                if (configs.containsKey(table)) {
                    s.execute(io.pgcarry.catalog.ExtensionConfig.deleteSql(table, configs.get(table)));
                    rest.remove(table);
                }
            }
        }
        return rest;
    }

    /** Empties tables with TRUNCATE where allowed, otherwise with DELETE (the check warns about the slower path). */
    static void empty(Connection target, Set<io.pgcarry.catalog.QualifiedName> tables) throws SQLException {
        java.util.Set<io.pgcarry.catalog.QualifiedName> truncatable = new java.util.LinkedHashSet<>();
        try (Statement s = target.createStatement()) {
            for (io.pgcarry.catalog.QualifiedName table : deleteConfigRows(target, tables)) {
                try (java.sql.ResultSet rs = s.executeQuery("SELECT has_table_privilege(" + io.pgcarry.catalog.Identifiers.literal(table.sql())
                        + ", 'TRUNCATE')")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        truncatable.add(table);
                    } else {
                        s.execute("DELETE FROM " + table.sql());
                    }
                }
            }
        }
        truncate(target, truncatable);
    }
}
