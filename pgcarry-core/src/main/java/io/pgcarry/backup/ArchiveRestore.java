package io.pgcarry.backup;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.Sessions;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.DatabaseException;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.move.CopyProgress;
import io.pgcarry.parallel.Workers;
import io.pgcarry.schema.CleanScript;
import io.pgcarry.schema.ObjectId;
import io.pgcarry.schema.ObjectKind;
import io.pgcarry.schema.SchemaModel;
import io.pgcarry.schema.SchemaSource;
import io.pgcarry.schema.ScriptRunner;
import io.pgcarry.schema.SchemaScript;
import io.pgcarry.schema.ScriptStatement;
import io.pgcarry.verify.ContentHash;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;

/**
 * Restores a pgcarry archive. Nothing touches the target until every checksum holds, the target is empty (or
 * {@code --clean} has listed what to remove) and every extension is available. The clean-up and pre-data run in
 * one transaction; data files load in parallel; keys and indexes of plain tables are built in parallel, the rest
 * of post-data in one transaction; then sequences, materialized views, statistics, and a validation of every table
 * against the manifest's row counts and content hashes. A restore stopped half-way is repaired by running it
 * again with {@code --clean}.
 */
final class ArchiveRestore {
    private final Connector connector;
    private final RestoreRequest request;
    private final CopyProgress progress;

    ArchiveRestore(Connector connector, RestoreRequest request, CopyProgress progress) {
        this.connector = connector;
        this.request = request;
        this.progress = progress;
    }

    RestoreResult run(Archive archive) {
        long started = System.nanoTime();
        progress.phase("verifying the archive");
        Verification verification = ArchiveVerifier.verify(archive, false);
        if (!verification.passed()) {
            List<String> problems = verification.problems();
            throw new ArchiveException("archive " + archive.location() + " is damaged, nothing was restored: " + problems.get(0)
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more; see pgcarry backup verify)" : ""));
        }
        Manifest manifest = verification.manifest();
        List<String> warnings = new ArrayList<>(manifest.warnings().stream().map(w -> "not in the archive: " + w).toList());
        try (Connection target = Sessions.prepare(connector.open(request.to()))) {
            List<String> clean = prepareTarget(target, manifest, warnings);
            progress.phase("creating the schema");
            target.setAutoCommit(false);
            runStatements(target, clean, "removing what the archive contains (--clean)");
            ScriptRunner.run(target, manifest.preData());
            target.commit();
            target.setAutoCommit(true);

            progress.phase("copying");
            progress.copyStarting(manifest.rows(), manifest.dataBytes());
            Map<String, Long> loaded = load(archive, manifest);
            List<ScriptStatement> rowSecurity = manifest.postData().stream().filter(ArchiveRestore::switchesRowSecurity).toList();
            postData(target, manifest.postData().stream().filter(s -> !switchesRowSecurity(s)).toList(), manifest);
            progress.phase("sequences");
            int sequences = setSequences(target, manifest);
            analyze(target, manifest);
            progress.phase("validating");
            List<RestoredTable> tables = validate(manifest, loaded);
            // Row-level security comes after the validation (the owner itself may not see every row under a forced
            // policy), and materialized views are refreshed under it, as they were computed on the source.
            ScriptRunner.runAndCommit(target, rowSecurity);
            int refreshed = refreshMaterializedViews(target, manifest);
            List<SmokeResult> smoke = request.smoke() == null ? List.of() : SmokeQueries.run(target, request.smoke());
            return new RestoreResult(archive.location(), "pgcarry", manifest.source().database(), clean.size(),
                    manifest.preData().size() + manifest.postData().size(), tables, sequences, refreshed, smoke, warnings,
                    (System.nanoTime() - started) / 1e9);
        } catch (SQLException e) {
            throw SqlErrors.translate("restoring " + archive.location(), e);
        }
    }

    /** Checks the target before any change; returns the clean-up statements (empty without --clean). */
    private List<String> prepareTarget(Connection target, Manifest manifest, List<String> warnings) throws SQLException {
        SchemaModel present = SchemaSource.read(target, false);
        checkExtensions(target, manifest, warnings);
        if (!request.clean()) {
            present.requireEmpty("restore into an empty database, or add --clean to remove the archive's objects first");
            return List.of();
        }
        List<ScriptStatement> script = new ArrayList<>(manifest.preData());
        script.addAll(manifest.postData());
        return CleanScript.of(script, present);
    }

    private static void checkExtensions(Connection target, Manifest manifest, List<String> warnings) throws SQLException {
        Map<String, String> available = new TreeMap<>();
        try (Statement s = target.createStatement();
             ResultSet rs = s.executeQuery("SELECT name, default_version FROM pg_catalog.pg_available_extensions")) {
            while (rs.next()) {
                available.put(rs.getString(1), rs.getString(2));
            }
        }
        List<String> missing = new ArrayList<>();
        for (Manifest.Extension extension : manifest.extensions()) {
            String version = available.get(extension.name());
            if (version == null) {
                missing.add(extension.name() + " " + extension.version());
            } else if (!version.equals(extension.version())) {
                warnings.add("extension " + extension.name() + " is " + extension.version() + " in the archive and will be "
                        + version + " on the target");
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigurationException("the target cannot create extension(s) " + String.join(", ", missing)
                    + " that the archive needs; install them on the target server first (nothing was restored)");
        }
    }

    private static void runStatements(Connection target, List<String> statements, String what) {
        try (Statement s = target.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(what, e);
        }
    }

    /** Loads every data file, biggest first; returns rows loaded per table. */
    private Map<String, Long> load(Archive archive, Manifest manifest) {
        record Load(Manifest.Table table, Manifest.DataFile file) {
        }
        List<Load> loads = manifest.tables().stream().flatMap(t -> t.files().stream().map(f -> new Load(t, f)))
                .sorted(Comparator.comparingLong((Load l) -> -l.file().bytes())).toList();
        Map<String, Long> loaded = new ConcurrentHashMap<>();
        Map<String, Long> bytes = new ConcurrentHashMap<>();
        Map<String, AtomicLong> remaining = new ConcurrentHashMap<>();
        loads.forEach(l -> remaining.computeIfAbsent(l.table().qualifiedName().toString(), t -> new AtomicLong()).incrementAndGet());
        long started = System.nanoTime();
        Workers.drain("loading data", request.jobs(), loads, () -> Sessions.prepare(connector.open(request.to())), (c, load) -> {
            QualifiedName name = load.table().qualifiedName();
            String sql = "COPY " + name.sql() + " (" + load.table().columns().stream().map(col -> Identifiers.quote(col.name()))
                    .collect(Collectors.joining(", ")) + ") FROM STDIN";
            long rows;
            try (InputStream data = Compression.ofFile(load.file().name()).decompress(archive.open(load.file().name()))) {
                rows = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, data, 1 << 16);
            } catch (IOException e) {
                throw new PgCarryException(ErrorCode.IO, "cannot read " + load.file().name() + " of " + archive.location() + ": "
                        + e.getMessage(), e);
            } catch (SQLException e) {
                throw new DatabaseException("loading " + load.file().name() + " into " + name + " failed: " + SqlErrors.describe(e)
                        + "; run the restore again with --clean", e.getSQLState(), e);
            }
            if (rows != load.file().rows()) {
                throw new ArchiveException("loading " + load.file().name() + " into " + name + " gave " + rows + " rows where the manifest says "
                        + load.file().rows() + "; run the restore again with --clean");
            }
            progress.streamed(name, rows, load.file().bytes());
            loaded.merge(name.toString(), rows, Long::sum);
            bytes.merge(name.toString(), load.file().bytes(), Long::sum);
            if (remaining.get(name.toString()).decrementAndGet() == 0) {
                progress.tableCopied(name, loaded.get(name.toString()), bytes.get(name.toString()), (System.nanoTime() - started) / 1e9);
            }
        });
        return loaded;
    }

    /**
     * Keys and indexes of plain tables are independent of each other and take most of the time: they are built in
     * parallel. Everything else (foreign keys, which need those keys, partition indexes, triggers, policies,
     * comments) follows in script order, in one transaction.
     */
    private void postData(Connection target, List<ScriptStatement> postData, Manifest manifest) throws SQLException {
        Set<ObjectId> plainTables = manifest.tables().stream().filter(t -> !t.partitioned())
                .map(t -> new ObjectId(ObjectKind.TABLE, t.schema(), t.name(), null)).collect(Collectors.toSet());
        List<ScriptStatement> builds = new ArrayList<>();
        List<ScriptStatement> rest = new ArrayList<>();
        for (ScriptStatement statement : postData) {
            boolean build = statement.object() != null && statement.object().kind().belongsToTable()
                    && plainTables.contains(statement.object().table()) && builds(statement);
            (build ? builds : rest).add(statement);
        }
        progress.phase("indexes");
        Workers.drain("building indexes", request.jobs(), builds, () -> Sessions.prepare(connector.open(request.to())),
                (c, statement) -> ScriptRunner.runAndCommit(c, List.of(statement)));
        progress.phase("constraints, triggers and policies");
        ScriptRunner.runAndCommit(target, rest);
    }

    private static boolean switchesRowSecurity(ScriptStatement statement) {
        return statement.object() != null && statement.object().kind() == ObjectKind.TABLE
                && statement.sql().endsWith(" ROW LEVEL SECURITY");
    }

    /** Whether a statement builds an index or an index-backed key of a table. */
    private static boolean builds(ScriptStatement statement) {
        ObjectId id = statement.object();
        if (id.kind() == ObjectKind.INDEX) {
            return statement.sql().startsWith("CREATE ");
        }
        if (id.kind() != ObjectKind.CONSTRAINT) {
            return false;
        }
        String prefix = "ALTER TABLE " + id.sqlTable() + " ADD CONSTRAINT " + Identifiers.quote(id.name()) + " ";
        if (!statement.sql().startsWith(prefix)) {
            return false;
        }
        String definition = statement.sql().substring(prefix.length());
        return definition.startsWith("PRIMARY KEY") || definition.startsWith("UNIQUE") || definition.startsWith("EXCLUDE");
    }

    private static int setSequences(Connection target, Manifest manifest) throws SQLException {
        try (var set = target.prepareStatement("SELECT pg_catalog.setval(?::regclass, ?, ?)")) {
            for (Manifest.Sequence sequence : manifest.sequences()) {
                set.setString(1, new QualifiedName(sequence.schema(), sequence.name()).sql());
                set.setLong(2, sequence.lastValue());
                set.setBoolean(3, sequence.called());
                set.execute();
            }
        }
        return manifest.sequences().size();
    }

    private int refreshMaterializedViews(Connection target, Manifest manifest) throws SQLException {
        List<String> views = SchemaScript.refreshes(manifest.preData());
        if (!views.isEmpty()) {
            progress.phase("materialized views");
        }
        runStatements(target, views, "refreshing materialized views");
        return views.size();
    }

    private static void analyze(Connection target, Manifest manifest) throws SQLException {
        try (Statement s = target.createStatement()) {
            for (Manifest.Table table : manifest.tables()) {
                s.execute("ANALYZE " + table.qualifiedName().sql());
            }
        }
    }

    /** Counts and hashes every table on the target, in parallel, and compares them with the manifest. */
    private List<RestoredTable> validate(Manifest manifest, Map<String, Long> loaded) {
        Map<String, RestoredTable> results = new ConcurrentHashMap<>();
        Workers.drain("validating", request.jobs(), manifest.tables(), () -> Sessions.prepare(connector.open(request.to())), (c, table) -> {
            ContentHash hash = ContentHash.ofColumns(table.columns().stream().map(Manifest.Column::name).toList());
            String from = io.pgcarry.catalog.Table.rowsSql(table.qualifiedName(), table.partitioned());
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(hash.aggregateSql(false, from, null))) {
                rs.next();
                long rows = rs.getLong(1);
                String value = ContentHash.value(rows, Long.parseLong(rs.getString(2)));
                results.put(table.qualifiedName().toString(), new RestoredTable(table.qualifiedName().toString(), table.rows(), rows,
                        table.contentHash(), value, rows == table.rows() && value.equals(table.contentHash())
                                && loaded.getOrDefault(table.qualifiedName().toString(), 0L) == table.rows()));
            }
        });
        return new ArrayList<>(new TreeMap<>(results).values());
    }
}
