package io.pgcarry.importer;

import io.pgcarry.catalog.Catalog;
import io.pgcarry.catalog.CatalogReader;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.Sessions;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import io.pgcarry.error.SqlErrors;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code pgcarry import}: a dry run, an apply, or a parity check of files against an existing schema.
 *
 * <p>An apply is one transaction on the target: the records are converted and checked against every constraint in
 * temporary tables, then COPYed into the target tables in foreign-key order, with their id map and the files' snapshot in
 * pgcarry's journal, and committed together. So a kill at any moment leaves the target as it was (there is nothing to
 * undo), and running the import again finishes it: records whose ids the map holds are skipped.
 */
public final class Import {
    private final Connector connector;
    private final Consumer<String> phase;

    public Import(Connector connector, Consumer<String> phase) {
        this.connector = connector;
        this.phase = phase;
    }

    /** Reads, converts and checks everything; writes nothing (its transaction is rolled back). */
    public ImportResult dryRun(ImportRequest request) {
        ImportMapping mapping = ImportMappingFile.load(request.mapping());
        return inTransaction(request, "dry run", c -> {
            Catalog catalog = CatalogReader.read(c);
            List<Target> targets = Target.plan(mapping, catalog);
            IdMap ids = IdMap.read(c, false);
            try (Spill spill = new Spill()) {
                ReadPass pass = readAndCheck(c, catalog, mapping, targets, new RecordConverter(RecordConverter.Mode.DRY_RUN, ids,
                        new Keys(c, false), mapping.strict(), now()), spill, false);
                c.rollback();
                ErrorsFile.write(request.errors(), pass, targets, base(mapping));
                return result("dry-run", null, pass, Map.of(), null, request.allowRejects());
            }
        });
    }

    /**
     * Imports every record or none (beyond {@code allowRejects}) and proves parity: inside the transaction, before it
     * commits, the staged rows against the loaded tables (a missing row or a differing value rolls everything back);
     * when earlier imports' records were skipped, by reading the files again after the commit instead.
     */
    public ImportResult apply(ImportRequest request, CopyProgress progress) {
        ImportMapping mapping = ImportMappingFile.load(request.mapping());
        Set<Long> leftOut = new HashSet<>();
        ImportResult loaded = inTransaction(request, "import", c -> applyIn(c, request, mapping, progress, leftOut));
        if (loaded.run() == null || loaded.parity() != null) {
            return loaded;
        }
        ImportResult.ParityResult parity = verify(request, leftOut, false).parity();
        return new ImportResult("apply", loaded.run(), loaded.records(), loaded.skipped(), loaded.rejected(), loaded.rejections(),
                loaded.warnings(), loaded.rowsWritten(), loaded.snapshot(), parity, loaded.passed() && parity.ok());
    }

    private ImportResult applyIn(Connection c, ImportRequest request, ImportMapping mapping, CopyProgress progress, Set<Long> leftOut)
            throws SQLException, IOException {
        Catalog catalog = CatalogReader.read(c);
        List<Target> targets = Target.plan(mapping, catalog);
        long run = ImportJournal.start(c, mapping.file().getFileName().toString());
        IdMap ids = IdMap.read(c, false);
        try (Spill spill = new Spill()) {
            ReadPass pass = readAndCheck(c, catalog, mapping, targets, new RecordConverter(RecordConverter.Mode.APPLY, ids,
                    new Keys(c, true), mapping.strict(), now()), spill, true);
            if (request.expectSnapshot() != null) {
                ExpectedSnapshot.check(request.expectSnapshot(), pass.snapshot());
            }
            boolean checked = !pass.rejections().isEmpty();
            if (checked) {
                check(c, catalog, targets, pass);
            }
            Map<String, Long> written = checked ? null : loadOrNull(c, catalog, targets, spill, pass, run, progress);
            if (written == null) {
                if (!checked) {
                    check(c, catalog, targets, pass);
                }
                ErrorsFile.write(request.errors(), pass, targets, base(mapping));
                if (pass.rejections().size() > request.allowRejects()) {
                    c.rollback();
                    return result("apply", null, pass, Map.of(), null, request.allowRejects());
                }
                written = load(c, catalog, targets, spill, pass, run, progress);
            } else {
                ErrorsFile.write(request.errors(), pass, targets, base(mapping));
            }
            leftOut.addAll(pass.rejections().keySet());
            Parity compared = new Parity(c, request.maxDiffs());
            ImportResult.ParityResult parity = pass.skipped() > 0 ? null : stagedParity(c, targets, pass, compared);
            if (parity != null && parity.differenceCount() > parity.unexplained()) {
                c.rollback();
                return result("apply", null, pass, Map.of(), parity, request.allowRejects());
            }
            if (parity != null && parity.ok() && pass.rejections().isEmpty()) {
                // every record in the tables and nothing else: what a later verify may stand on while nothing changes
                ImportJournal.prove(c, run, ProofCheck.mappingSha256(mapping), compared.targetDigests());
            }
            c.commit();
            return result("apply", run, pass, written, parity, request.allowRejects());
        }
    }

    /**
     * Loads straight away when every record converted, leaving the target's constraints to the server as the rows
     * arrive (deferred ones made immediate): the staged checks cost as much as the load, and a clean run needs none of
     * their answers. A constraint that fails is rolled back to before the load, and null returned: the caller then runs
     * the staged checks, which name every record at fault, as a dry run does.
     */
    private Map<String, Long> loadOrNull(Connection c, Catalog catalog, List<Target> targets, Spill spill, ReadPass pass, long run,
                                         CopyProgress progress) throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute("SET CONSTRAINTS ALL IMMEDIATE");
        }
        Savepoint before = c.setSavepoint();
        try {
            Map<String, Long> written = load(c, catalog, targets, spill, pass, run, progress);
            c.releaseSavepoint(before);
            return written;
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                throw e;
            }
            c.rollback(before);
            return null;
        }
    }

    private void check(Connection c, Catalog catalog, List<Target> targets, ReadPass pass) throws SQLException {
        phase.accept("checking the target's constraints");
        new Staging(c, flatten(targets)).check(catalog).forEach(pass::reject);
    }

    /** Parity of the rows staged for the load (less the rejected records') with the tables, before the commit. */
    private ImportResult.ParityResult stagedParity(Connection c, List<Target> targets, ReadPass pass, Parity parity) throws SQLException {
        phase.accept("comparing with the target");
        List<Target> all = flatten(targets);
        new Staging(c, all).leaveOut(pass.rejections().keySet());
        List<Difference> differences = parity.compare(all, pass::locate);
        return new ImportResult.ParityResult(pass.records(), parity.total(), parity.unexplained(), differences);
    }

    /**
     * Strict parity of the records with the target, in a transaction that is rolled back: from the proof an apply left
     * when the mapping file, the input files and the tables all hash as they did then ({@link ProofCheck}), else (or
     * with {@code recordByRecord}) by reading and converting every record again and comparing it.
     */
    public ImportResult verify(ImportRequest request, boolean recordByRecord) {
        return verify(request, Set.of(), recordByRecord);
    }

    /** Parity leaving out the records an apply rejected under {@code --allow-rejects} (by ordinal). */
    private ImportResult verify(ImportRequest request, Set<Long> leftOut, boolean recordByRecord) {
        ImportMapping mapping = ImportMappingFile.load(request.mapping());
        return inTransaction(request, "parity check", c -> {
            Catalog catalog = CatalogReader.read(c);
            List<Target> targets = Target.plan(mapping, catalog);
            if (!recordByRecord && leftOut.isEmpty()) {
                ImportResult proven = ProofCheck.proven(c, mapping, targets, base(mapping), phase).orElse(null);
                if (proven != null) {
                    c.rollback();
                    return proven;
                }
            }
            IdMap ids = IdMap.read(c, false);
            boolean journal = ImportJournal.exists(c);
            try (Spill spill = new Spill()) {
                phase.accept("reading the records");
                ReadPass pass = ReadPass.run(targets, base(mapping), new RecordConverter(RecordConverter.Mode.VERIFY, ids, null,
                        mapping.strict(), now()), spill);
                List<Target> all = flatten(targets);
                Staging staging = new Staging(c, all);
                staging.load(spill);
                Function<Target, String> staged = journal ? staging.resolveKeys() : Staging::table;
                staging.leaveOut(leftOut);
                pass.rejections().keySet().removeAll(leftOut);
                phase.accept("comparing with the target");
                Parity parity = new Parity(c, request.maxDiffs());
                List<Difference> differences = new ArrayList<>(unconverted(pass));
                differences.addAll(parity.compare(all, pass::locate, staged));
                long total = parity.total() + pass.rejections().size();
                c.rollback();
                ImportResult.ParityResult result = new ImportResult.ParityResult(pass.records(), total, parity.unexplained(),
                        differences.subList(0, Math.min(differences.size(), request.maxDiffs())));
                return new ImportResult("verify", null, pass.records(), 0, 0, List.of(), pass.warnings(), Map.of(), pass.snapshot(), result,
                        result.ok());
            }
        });
    }

    /**
     * What {@code --abort} can undo: an apply commits whole or not at all, so never anything but journal runs left
     * unfinished (none are written so); those are removed. Returns how many.
     */
    public long abort(ImportRequest request) {
        try (Connection c = Sessions.prepare(connector.open(request.target()))) {
            c.setAutoCommit(false);
            long removed = ImportJournal.dropUnfinished(c);
            c.commit();
            return removed;
        } catch (SQLException e) {
            throw SqlErrors.translate("reading pgcarry's journal", e);
        }
    }

    private ReadPass readAndCheck(Connection c, Catalog catalog, ImportMapping mapping, List<Target> targets, RecordConverter converter,
                                  Spill spill, boolean forApply) throws SQLException, IOException {
        phase.accept("reading and converting the records");
        ReadPass pass = ReadPass.run(targets, base(mapping), converter, spill);
        List<Target> all = flatten(targets);
        Staging staging = new Staging(c, all);
        phase.accept("staging the converted rows");
        staging.load(spill);
        staging.rejectAll(pass.rejections().keySet());
        if (forApply) {
            return pass; // staged for the parity; an apply checks when it must (see loadOrNull)
        }
        phase.accept("checking the target's constraints");
        staging.check(catalog).forEach(pass::reject);
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE " + all.stream().map(Staging::table).collect(Collectors.joining(", ")));
        }
        return pass;
    }

    private Map<String, Long> load(Connection c, Catalog catalog, List<Target> targets, Spill spill, ReadPass pass, long run,
                                   CopyProgress progress) throws SQLException, IOException {
        phase.accept("loading");
        Set<Long> rejected = new HashSet<>(pass.rejections().keySet());
        List<Target> all = flatten(targets);
        ForeignKeysAside aside = ForeignKeysAside.drop(c, catalog, all.stream().map(Target::name).collect(Collectors.toSet()));
        Map<QualifiedName, Long> rows = TargetLoad.run(c, catalog, all, spill, progress);
        if (aside.count() > 0) {
            phase.accept("adding back " + aside.count() + " foreign key(s), checking every row loaded");
            aside.restore(c);
        }
        TargetLoad.copy(c, ImportJournal.copyIds(), spill.ids(), rejected, 1, "\t" + run);
        ImportJournal.files(c, run, pass.snapshot());
        ImportJournal.finish(c, run);
        Map<String, Long> written = new java.util.LinkedHashMap<>();
        rows.forEach((table, n) -> written.put(table.toString(), n));
        return written;
    }

    private static List<Difference> unconverted(ReadPass pass) {
        return pass.rejections().values().stream().map(r -> new Difference(r.file(), r.record(), r.path(), r.object(), null, null,
                "a record", "not convertible: " + r.code() + " " + r.reason())).toList();
    }

    private static ImportResult result(String mode, Long run, ReadPass pass, Map<String, Long> written, ImportResult.ParityResult parity,
                                       long allowed) {
        List<Rejection> listed = pass.rejections().values().stream().limit(ImportResult.MAX_LISTED).toList();
        return new ImportResult(mode, run, pass.records(), pass.skipped(), pass.rejections().size(), listed, pass.warnings(), written,
                pass.snapshot(), parity, pass.rejections().size() <= allowed && (parity == null || parity.ok())
                        && (mode.equals("apply") ? run != null : pass.rejections().isEmpty()));
    }

    static List<Target> flatten(List<Target> targets) {
        List<Target> all = new ArrayList<>();
        for (Target t : targets) {
            all.add(t);
            all.addAll(flatten(t.children()));
        }
        return all;
    }

    static Path base(ImportMapping mapping) {
        return mapping.file().toAbsolutePath().normalize().getParent();
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
    }

    private interface Work {
        ImportResult run(Connection c) throws SQLException, IOException;
    }

    private ImportResult inTransaction(ImportRequest request, String doing, Work work) {
        try (Connection c = Sessions.prepare(connector.open(request.target()))) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // The staged rows live in temporary tables, read several times: keep more of them in memory than the
                // default 8 MB (allowed before the session's first temporary table).
                s.execute("SET temp_buffers = '256MB'");
                // The checks and the parity join the staged rows with the target's: hash them in memory, not in batches
                // written to disk.
                s.execute("SET work_mem = '64MB'");
            }
            try {
                return work.run(c);
            } catch (SQLException e) {
                Sessions.rollbackAfterFailure(c);
                throw SqlErrors.translate(doing + " into " + request.target().address(), e);
            } catch (IOException e) {
                Sessions.rollbackAfterFailure(c);
                throw new PgCarryException(ErrorCode.IO, doing + " failed: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                Sessions.rollbackAfterFailure(c);
                throw e;
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("closing the connection", e);
        }
    }
}
