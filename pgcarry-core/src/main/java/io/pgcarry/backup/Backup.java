package io.pgcarry.backup;

import io.pgcarry.Version;
import io.pgcarry.catalog.Catalog;
import io.pgcarry.catalog.CatalogReader;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.catalog.RowSecurity;
import io.pgcarry.catalog.Sequence;
import io.pgcarry.catalog.SnapshotLocks;
import io.pgcarry.catalog.Table;
import io.pgcarry.check.ExcludedData;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.SharedSnapshot;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import io.pgcarry.error.Setting;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.hash.ContentHash;
import io.pgcarry.copy.CopyRange;
import io.pgcarry.copy.RangePlanner;
import io.pgcarry.largeobject.LargeObject;
import io.pgcarry.largeobject.LargeObjects;
import io.pgcarry.parallel.TaskGraph;
import io.pgcarry.plan.Mapping;
import io.pgcarry.plan.TableMove;
import io.pgcarry.plan.TableSelection;
import io.pgcarry.report.Counts;
import io.pgcarry.schema.ObjectKind;
import io.pgcarry.schema.SchemaModel;
import io.pgcarry.schema.SchemaReader;
import io.pgcarry.schema.SchemaScript;
import io.pgcarry.schema.Section;
import io.pgcarry.schema.UnmodelledObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code pgcarry backup} as a service. Schema, sequences, every table and every large object are read in one snapshot,
 * tables by ranges in parallel, large objects one file each ({@link LargeObjectDump}); the archive is written under a hidden name and appears under its real name only once its
 * manifest is written, so a failed or killed backup never looks like a complete one.
 */
public final class Backup {
    private static final String SOURCE_SQL = """
            SELECT current_setting('server_version'), current_setting('server_version_num')::int, d.datname,
                   pg_encoding_to_char(d.encoding), d.datcollate, d.datctype,
                   to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
              FROM pg_database d WHERE d.datname = current_database()""";

    private final Connector connector;

    public Backup(Connector connector) {
        this.connector = connector;
    }

    /** One range of one table, and the file it goes to. */
    private record Item(int table, TableMove move, CopyRange range, String file) {
    }

    public BackupResult run(BackupRequest request, CopyProgress progress) {
        return SnapshotLocks.retried(() -> execute(request, progress));
    }

    /**
     * Everything read in the snapshot before the first file is written: what the manifest says of the source, the
     * schema, the sequences' values, and the plan of ranges and large objects to copy.
     */
    private record Contents(Manifest.Source source, String createdAt, SchemaModel model, SchemaScript script, Catalog catalog,
                            List<Manifest.Sequence> sequences, List<TableMove> tables, List<Item> items, TableSelection dataKept,
                            List<LargeObject> largeObjects) {
    }

    private BackupResult execute(BackupRequest request, CopyProgress progress) {
        long started = System.nanoTime();
        createDirectories(request.out(), request.file());
        try (SharedSnapshot snapshot = SharedSnapshot.open(connector, request.from())) {
            Contents contents = read(snapshot, request, progress);
            ArchiveWriter writer = ArchiveWriter.start(request.out(), request.file(), contents.source().database(),
                    contents.createdAt(), request.signKey());
            try {
                Manifest manifest = write(snapshot, contents, writer.root(), request, progress);
                Path archive = writer.finish(manifest);
                return new BackupResult(archive, manifest.source().database(), manifest.tables().size(), manifest.rows(),
                        manifest.dataBytes(), sizeOf(archive), manifest.sequences().size(), manifest.warnings(),
                        manifest.tables().stream().filter(Manifest.Table::dataExcluded).map(t -> t.qualifiedName().toString()).toList(),
                        (System.nanoTime() - started) / 1e9, manifest.largeObjects().size());
            } catch (RuntimeException e) {
                // A backup that fails half-way leaves nothing that could pass for a complete archive.
                writer.abandon();
                throw e;
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("backing up", e);
        }
    }

    /**
     * Reads the source in the snapshot and refuses what a restore could not take back (unmodelled objects, untrusted
     * functions without a signature, data left out that kept data references) before anything is written.
     */
    private Contents read(SharedSnapshot snapshot, BackupRequest request, CopyProgress progress) throws SQLException {
        Connection coordinator = snapshot.coordinator();
        SnapshotLocks.awaitExclusive(coordinator, connector.lockWait(), "the source");
        progress.phase("reading the schema");
        Manifest.Source source;
        String createdAt;
        try (Statement s = coordinator.createStatement(); ResultSet rs = s.executeQuery(SOURCE_SQL)) {
            rs.next();
            source = new Manifest.Source(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    rs.getString(6));
            createdAt = rs.getString(7);
        }
        SchemaModel model = SchemaReader.read(coordinator, request.withPrivileges());
        UnmodelledObjects.require(model, request.skipUnmodelled(), "back up");
        SchemaScript script = SchemaScript.of(model);
        requireSignatureForUntrustedFunctions(script, request);
        Catalog catalog = CatalogReader.read(coordinator);
        RowSecurity.require(coordinator, catalog.tables().keySet(), "the source");
        SnapshotLocks.protect(snapshot, catalog.tables().keySet(), connector.lockWait(), "the source");
        TableSelection dataKept = TableSelection.everythingBut(request.excludeTableData());
        ExcludedData.requireReferencesKept(coordinator, catalog, dataKept);
        List<Manifest.Sequence> sequences = sequences(coordinator, catalog);
        List<TableMove> tables = catalog.tables().values().stream().map(TableMove::identity).toList();
        List<Item> items = plan(coordinator, tables, request, dataKept);
        List<LargeObject> largeObjects = LargeObjects.read(coordinator);
        LargeObjects.requireReadable(coordinator, "the source", "back up");
        return new Contents(source, createdAt, model, script, catalog, sequences, tables, items, dataKept, largeObjects);
    }

    /** Writes the data and large objects' files under {@code root} and returns the manifest that lists them. */
    private Manifest write(SharedSnapshot snapshot, Contents contents, Path root, BackupRequest request, CopyProgress progress) {
        progress.phase("copying");
        Catalog catalog = contents.catalog();
        progress.copyStarting(catalog.tables().values().stream().mapToLong(Table::estimatedRows).sum(),
                catalog.tables().values().stream().mapToLong(Table::sizeBytes).sum());
        Map<String, RangeDump.Written> written = dump(snapshot, contents.items(), root, request, contents.source().encoding(), progress);
        if (!contents.largeObjects().isEmpty()) {
            progress.phase("large objects");
        }
        List<Manifest.LargeObjectFile> largeObjectFiles = LargeObjectDump.write(contents.largeObjects(), root, request.compression(),
                request.withPrivileges(), request.jobs(), snapshot::reader);
        SchemaScript script = contents.script();
        return new Manifest(Manifest.FORMAT_VERSION, Version.current(), contents.createdAt(), contents.source(),
                request.compression().label(), request.withPrivileges(), extensions(contents.model()), script.section(Section.PRE_DATA),
                script.section(Section.POST_DATA), script.warnings(),
                archivedTables(contents.tables(), contents.items(), written, contents.dataKept()), contents.sequences(),
                contents.model(), largeObjectFiles);
    }

    private static List<Item> plan(Connection coordinator, List<TableMove> tables, BackupRequest request, TableSelection dataKept) {
        Compression compression = request.compression();
        List<TableMove> kept = tables.stream().filter(t -> dataKept.selects(t.source().name(), Mapping.EMPTY)).toList();
        RangePlanner planner = request.splitRows() == 0 ? RangePlanner.balanced(kept, request.jobs()) : new RangePlanner(request.splitRows());
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            TableMove move = tables.get(i);
            if (!dataKept.selects(move.source().name(), Mapping.EMPTY)) {
                continue;
            }
            for (CopyRange range : planner.plan(coordinator, move)) {
                items.add(new Item(i, move, range, String.format(Locale.ROOT, "data/%05d.%03d.copy%s", i + 1,
                        range.number(), compression.suffix())));
            }
        }
        return items;
    }

    private Map<String, RangeDump.Written> dump(SharedSnapshot snapshot, List<Item> items, Path root, BackupRequest request,
                                                 String encoding, CopyProgress progress) {
        Map<String, RangeDump.Written> written = new ConcurrentHashMap<>();
        Map<Integer, AtomicLong> remaining = new ConcurrentHashMap<>();
        items.forEach(item -> remaining.computeIfAbsent(item.table(), t -> new AtomicLong()).incrementAndGet());
        Map<Integer, Long> startedAt = new ConcurrentHashMap<>();
        Map<Integer, Long> rangesOf = new HashMap<>();
        items.forEach(item -> rangesOf.merge(item.table(), 1L, Long::sum));
        // Biggest expected range first, so the last ranges to finish are small and no worker idles long.
        List<Item> ordered = items.stream()
                .sorted(Comparator.comparingLong((Item item) -> -item.move().source().sizeBytes() / rangesOf.get(item.table()))
                        .thenComparing(Item::file))
                .toList();
        TaskGraph.forEach("backing up", request.jobs(), ordered, snapshot::reader, (reader, item) -> {
            startedAt.putIfAbsent(item.table(), System.nanoTime());
            written.put(item.file(), RangeDump.write(reader, item.move(), item.range(), root, item.file(), request.compression(), encoding, progress));
            if (remaining.get(item.table()).decrementAndGet() == 0) {
                List<RangeDump.Written> files = items.stream().filter(i -> i.table() == item.table()).map(i -> written.get(i.file())).toList();
                progress.tableCopied(item.move().source().name(), files.stream().mapToLong(w -> w.file().rows()).sum(),
                        files.stream().mapToLong(w -> w.file().bytes()).sum(), (System.nanoTime() - startedAt.get(item.table())) / 1e9);
            }
        });
        return written;
    }

    /**
     * A restore runs a function in C or another untrusted language only from an archive signed with the restorer's key
     * (its code runs outside the database's sandbox): an unsigned archive of such a database could never be restored,
     * so the backup is refused before it writes anything.
     */
    private static void requireSignatureForUntrustedFunctions(SchemaScript script, BackupRequest request) {
        if (request.signKey() != null) {
            return;
        }
        long untrusted = ArchiveStatements.needingSignature(script.statements(), request.withPrivileges());
        if (untrusted > 0) {
            throw new ConfigurationException("the source has " + Counts.of(untrusted, "function") + " in C, internal or an untrusted"
                    + " language, which a restore accepts only from a signed archive: back up with " + Setting.SIGN_KEY_FILE.mention() + " (nothing was written)");
        }
    }

    private static List<Manifest.Table> archivedTables(List<TableMove> tables, List<Item> items, Map<String, RangeDump.Written> written,
                                                       TableSelection dataKept) {
        List<Manifest.Table> result = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            int index = i;
            TableMove move = tables.get(i);
            List<RangeDump.Written> files = items.stream().filter(item -> item.table() == index).map(item -> written.get(item.file())).toList();
            long rows = files.stream().mapToLong(w -> w.file().rows()).sum();
            long sum = files.stream().mapToLong(RangeDump.Written::hashSum).sum();
            result.add(new Manifest.Table(move.source().name().schema(), move.source().name().name(), move.source().partitioned(),
                    move.columns().stream().map(c -> new Manifest.Column(c.target().name(), c.target().type())).toList(), rows,
                    move.source().sizeBytes(), ContentHash.value(rows, sum), files.stream().map(RangeDump.Written::file).toList(),
                    !dataKept.selects(move.source().name(), Mapping.EMPTY), move.source().extensionFilter()));
        }
        return result;
    }

    private static List<Manifest.Extension> extensions(SchemaModel model) {
        return model.ofKind(ObjectKind.EXTENSION).stream()
                .map(e -> new Manifest.Extension(e.id().name(), e.attribute("version"), e.attribute("schema"))).toList();
    }

    private static List<Manifest.Sequence> sequences(Connection coordinator, Catalog catalog) throws SQLException {
        List<Manifest.Sequence> result = new ArrayList<>();
        try (Statement s = coordinator.createStatement()) {
            for (Sequence sequence : catalog.sequences()) {
                QualifiedName name = sequence.name();
                try (ResultSet rs = s.executeQuery("SELECT last_value, is_called FROM " + name.sql())) {
                    rs.next();
                    result.add(new Manifest.Sequence(name.schema(), name.name(), rs.getLong(1), rs.getBoolean(2)));
                }
            }
        }
        return result;
    }

    /** Refuses a bad --out or --file before connecting, so a mistake costs no snapshot. */
    private static void createDirectories(Path out, String file) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ConfigurationException(Setting.OUT.mention() + " " + out + " is a file; give the directory to write the archive into");
        }
        ArchiveWriter.refuseExisting(out, file);
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot create the backup directory " + out + ": " + e.getMessage(), e);
        }
    }

    static long sizeOf(Path archive) {
        try (var files = Files.walk(archive)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            return 0;
        }
    }
}
