package io.pgcarry.move;

import io.pgcarry.check.LoadTriggers;
import io.pgcarry.catalog.CatalogReader;
import io.pgcarry.catalog.Constraint;
import io.pgcarry.catalog.ExtensionConfig;
import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.LoadDeferredChecks;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.copy.CopyRange;
import io.pgcarry.copy.LoadSearchPath;
import io.pgcarry.copy.RangePlanner;
import io.pgcarry.error.Setting;
import io.pgcarry.largeobject.LargeObject;
import io.pgcarry.largeobject.LargeObjectComparison;
import io.pgcarry.report.ProblemCode;
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
import io.pgcarry.verify.ValidationLevel;
import io.pgcarry.verify.ValidationReport;
import io.pgcarry.verify.Validator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code pgcarry move} as a service: check in the snapshot, set aside keys and indexes through the journal,
 * copy in parallel, restore, set sequences, analyse, validate. {@link #resume} continues an unfinished run.
 */
public final class Move {
    /** Problems that are expected when continuing an unfinished run. */
    private static final Set<ProblemCode> EXPECTED_ON_RESUME = Set.of(ProblemCode.TARGET_NOT_EMPTY, ProblemCode.MOVE_UNFINISHED);

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
            CheckReport report = passed(report(request, checked, resume));
            MovePlan plan = checked.plan();
            SnapshotLocks.protect(snapshot, plan.tables().stream().map(t -> t.source().name()).toList(),
                    connector.lockWait(), "the source");
            long run = resume ? resumed(unfinished.get(), plan, request) : prepare(target, snapshot, request, checked,
                    Fingerprint.of(plan, request.options()));
            RunJournal journal = RunJournal.read(target, run);
            Loaded loaded = load(request, progress, snapshot, watcher, target, run, journal, plan);
            long largeObjects = copyLargeObjects(request, snapshot, run, checked.largeObjects(), progress);
            progress.phase("sequences");
            int sequences = SequenceSync.sync(plan, snapshot.coordinator(), target);
            target.commit();
            SchemaCheck schema = finish(target, run, journal.before(), plan);
            ValidationReport validation = request.validation() == null ? null
                    : validate(request, progress, snapshot, target, resume ? new MovePlan(plan.source(), CatalogReader.read(target),
                            plan.tables(), plan.problems()) : plan, loaded, journal.objects());
            List<TableResult> tables = loaded.tables();
            return new MoveResult(report, run, resume, tables, tables.stream().mapToLong(TableResult::rows).sum(),
                    tables.stream().mapToLong(TableResult::bytes).sum(), journal.objects().size(), sequences, validation,
                    (System.nanoTime() - started) / 1e9, schema, largeObjects);
        } catch (SQLException e) {
            throw SqlErrors.translate("moving data", e);
        }
    }

    /** The check's report, if nothing in it stops the move. */
    private static CheckReport passed(CheckReport report) {
        if (!report.passed()) {
            throw new ChecksFailedException(report);
        }
        return report;
    }

    /**
     * What the journal holds for the run, read before the load: the journal, and the structure recorded with it, are
     * dropped once the run is done.
     */
    private record RunJournal(Optional<Structure> before, List<CopyRange> ranges, List<JournalObject> objects) {
        static RunJournal read(Connection target, long run) throws SQLException {
            RunJournal journal = new RunJournal(StructureJournal.recorded(target, run), Journal.ranges(target, run),
                    Journal.objects(target, run));
            target.commit();
            return journal;
        }
    }

    /** The run an unfinished move left, provided it copies what this request copies. */
    private static long resumed(Journal.Run unfinished, MovePlan plan, MoveRequest request) {
        if (!unfinished.fingerprint().equals(Fingerprint.of(plan, request.options()))) {
            throw new ConfigurationException("the unfinished move (run " + unfinished.id() + ") copied other tables or columns; "
                    + "resume it with the same " + Setting.MAP.mention() + ", " + Setting.INCLUDE.mention() + ", "
                    + Setting.EXCLUDE.mention() + " and options, or undo it with " + Setting.ABORT.mention());
        }
        return unfinished.id();
    }

    /** What the load measured: per table its figures, and the content totals of targets hashed after their load. */
    private record Loaded(Map<QualifiedName, LoadTasks.TableFigures> figures, Map<QualifiedName, ContentTotals> hashedTargets) {
        List<TableResult> tables() {
            return figures.values().stream().map(f -> new TableResult(f.table().toString(), f.rows(), f.bytes(), f.seconds(),
                    f.ranges())).toList();
        }

        Map<QualifiedName, ContentTotals> copied() {
            Map<QualifiedName, ContentTotals> copied = new HashMap<>();
            figures.values().stream().filter(f -> f.copied() != null).forEach(f -> copied.put(f.table(), f.copied()));
            return copied;
        }
    }

    /** Copies the rows and brings back what was set aside, on the one load graph. */
    private Loaded load(MoveRequest request, CopyProgress progress, SharedSnapshot snapshot, LockWatcher watcher,
                        Connection target, long run, RunJournal journal, MovePlan plan) throws SQLException {
        progress.phase("copying");
        progress.copyStarting(plan.tables().stream().mapToLong(t -> t.source().estimatedRows()).sum(),
                plan.tables().stream().mapToLong(t -> t.source().sizeBytes()).sum());
        Map<QualifiedName, ContentHash> hashes = hashedWhileCopied(request, plan, snapshot.coordinator(), target);
        Map<QualifiedName, ContentHash.CopyHash> copyHashes = new HashMap<>();
        plan.tables().stream().filter(t -> hashes.containsKey(t.target().name()))
                .forEach(t -> copyHashes.put(t.target().name(), hashes.get(t.target().name()).copyHash(t.binary())));
        String copySearchPath = request.options().triggers() == LoadTriggers.FIRE_WITH_TARGET_SEARCH_PATH
                ? LoadSearchPath.targets(target) : null;
        try (LoadTasks load = new LoadTasks(snapshot, run, progress, copyHashes, hashes, copySearchPath)) {
            TaskGraph.run("loading", request.jobs(), load.tasks(plan.tables(), journal.ranges(), journal.objects()),
                    () -> watcher.watch(SetAsideReturn.session(connector, request.to())));
            return new Loaded(load.figures(), load.hashedTargets());
        }
    }

    /** Marks the run done, drops the journal once idle, and compares the target's structure with what was recorded. */
    private static SchemaCheck finish(Connection target, long run, Optional<Structure> before, MovePlan plan) throws SQLException {
        Journal.setStatus(target, run, "done");
        target.commit();
        Journal.dropIfIdle(target);
        target.commit();
        SchemaCheck schema = StructureDiff.check(before, StructureReader.read(target, plan.targetTables()), "the move");
        target.commit();
        return schema;
    }

    /**
     * Validates as {@code pgcarry validate} does. A resumed run's check read the target while its foreign keys were set
     * aside, so the caller passes a plan over the target as the load left it, with every key back, as a fresh run has.
     */
    private ValidationReport validate(MoveRequest request, CopyProgress progress, SharedSnapshot snapshot, Connection target,
                                      MovePlan validated, Loaded loaded, List<JournalObject> objects) throws SQLException {
        progress.phase("validating");
        target.commit();
        ValidationReport validation = new Validator(request.jobs()).validate(snapshot::reader,
                () -> Sessions.prepare(connector.open(request.to())), validated, request.options().mapping().references(),
                request.validation(), loaded.copied(), loaded.hashedTargets(), validatedForeignKeys(objects));
        return withLargeObjects(validation, request, snapshot.coordinator(), target);
    }

    /** Copies the source's large objects that the check found missing in the target; returns how many. */
    private long copyLargeObjects(MoveRequest request, SharedSnapshot snapshot, long run,
                                  List<LargeObject> objects, CopyProgress progress) {
        if (objects.isEmpty()) {
            return 0;
        }
        progress.phase("large objects");
        try (LargeObjectCopy copy = new LargeObjectCopy(snapshot, run, request.withPrivileges())) {
            return copy.copy(objects, request.jobs(), () -> Sessions.prepare(connector.open(request.to())));
        }
    }

    /**
     * Adds the comparison of the large objects, when the move carries them: every object of the source must be in
     * the target as it is in the snapshot. Objects the target held of its own are not the move's to judge.
     */
    private ValidationReport withLargeObjects(ValidationReport validation, MoveRequest request, Connection source, Connection target)
            throws SQLException {
        if (!request.options().selection().withLargeObjects()) {
            return validation;
        }
        long started = System.nanoTime();
        ValidationReport compared = validation.withLargeObjects(LargeObjectComparison.between(source, target,
                request.validation() != ValidationLevel.COUNT,
                request.withPrivileges(), false, 10), (System.nanoTime() - started) / 1e9);
        target.commit();
        return compared;
    }

    /**
     * The content hash of each table whose source hash is summed from the rows as they are copied (the copy appends
     * each row's source-side hash) and whose target hash is taken as soon as it is loaded: with a hashing validation,
     * tables copied unchanged (a converted column's hash casts on the source, which must not fail the copy itself).
     * Neither side is then read again by the validation when the two agree.
     */
    private static Map<QualifiedName, ContentHash> hashedWhileCopied(MoveRequest request, MovePlan plan,
                                                                                       Connection source, Connection target)
            throws SQLException {
        if (request.validation() == null || request.validation() == ValidationLevel.COUNT) {
            return Map.of();
        }
        String sourceEncoding = Sessions.serverEncoding(source);
        String targetEncoding = Sessions.serverEncoding(target);
        target.commit();
        Map<QualifiedName, ContentHash> hashes = new HashMap<>();
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
                .map(o -> Constraint.label(o.table(), o.name())).collect(Collectors.toSet());
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
        Map<QualifiedName, Long> rowsBefore = checked.targetRows();
        // The journal and the run commit together, with everything set aside, or not at all.
        Journal.create(target);
        long run = Journal.startRun(target, fingerprint, request.from().redactedUrl());
        // Before anything is set aside: what the target must look like again once the move (or its abort) is over.
        StructureJournal.record(target, run, StructureReader.read(target, plan.targetTables()));
        Map<QualifiedName, Long> emptyAfterPrepare = new HashMap<>(rowsBefore);
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
    static void truncate(Connection target, Set<QualifiedName> tables) throws SQLException {
        Set<QualifiedName> rest = deleteConfigRows(target, tables);
        if (rest.isEmpty()) {
            return;
        }
        try (Statement s = target.createStatement()) {
            s.execute("TRUNCATE " + String.join(", ", rest.stream().map(QualifiedName::sql).toList()));
        }
    }

    /**
     * Deletes the user rows of those {@code tables} that are extension configuration tables (a TRUNCATE would take
     * the extension's own rows too) and returns the other tables.
     */
    private static Set<QualifiedName> deleteConfigRows(Connection target, Set<QualifiedName> tables)
            throws SQLException {
        Map<QualifiedName, String> configs = ExtensionConfig.tables(target);
        Set<QualifiedName> rest = new LinkedHashSet<>(tables);
        try (Statement s = target.createStatement()) {
            for (QualifiedName table : tables) {
                if (configs.containsKey(table)) {
                    s.execute(ExtensionConfig.deleteSql(table, configs.get(table)));
                    rest.remove(table);
                }
            }
        }
        return rest;
    }

    /** Empties tables with TRUNCATE where allowed, otherwise with DELETE (the check warns about the slower path). */
    static void empty(Connection target, Set<QualifiedName> tables) throws SQLException {
        Set<QualifiedName> truncatable = new LinkedHashSet<>();
        try (Statement s = target.createStatement()) {
            for (QualifiedName table : deleteConfigRows(target, tables)) {
                try (ResultSet rs = s.executeQuery("SELECT has_table_privilege(" + Identifiers.literal(table.sql())
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
