package io.pgcarry.backup;

import io.pgcarry.arrival.SchemaArrival;
import io.pgcarry.arrival.SchemaCheck;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.Sessions;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.Setting;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.largeobject.LargeObjectValidation;
import io.pgcarry.parallel.TaskGraph;
import io.pgcarry.schema.CleanScript;
import io.pgcarry.schema.ObjectKind;
import io.pgcarry.schema.SchemaModel;
import io.pgcarry.schema.SchemaScript;
import io.pgcarry.schema.SchemaSource;
import io.pgcarry.schema.ScriptRunner;
import io.pgcarry.schema.ScriptStatement;
import io.pgcarry.schema.Section;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Restores a pgcarry archive. Nothing touches the target until every checksum holds, the manifest agrees with itself,
 * every schema statement is one pgcarry writes (and, with a key, the signature matches), the target is empty (or
 * {@code --clean} has listed what to remove) and every extension is available. The clean-up and pre-data run in
 * one transaction; then data, keys, indexes, the rest of post-data, statistics and a validation of every table
 * against the manifest's row counts and content hashes run as one graph of parallel tasks ({@link RestoreTasks});
 * then the large objects ({@link LargeObjectRestore}), sequences, row-level security, materialized views and the smoke
 * queries. A restore stopped half-way is
 * repaired by running it again with {@code --clean}.
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
        Verification verification = verified(archive);
        Manifest manifest = verification.manifest();
        List<String> warnings = warnings(manifest);
        try (Connection target = Sessions.prepare(connector.open(request.to()))) {
            List<String> clean = prepareTarget(target, manifest, warnings);
            List<ScriptStatement> preData = manifest.statements(Section.PRE_DATA);
            createSchema(target, clean, preData);
            List<ScriptStatement> postData = manifest.statements(Section.POST_DATA);
            RestoreTasks work = loadData(target, archive, manifest, postData);
            LargeObjectValidation largeObjects = largeObjects(target, archive, manifest);
            progress.phase("sequences");
            int sequences = setSequences(target, manifest);
            List<RestoredTable> tables = work.validated();
            // Row-level security comes after the validation (the owner itself may not see every row under a forced
            // policy), and materialized views are refreshed under it, as they were computed on the source.
            ScriptRunner.runAndCommit(target, postData.stream().filter(ArchiveRestore::switchesRowSecurity).toList());
            int refreshed = refreshMaterializedViews(target, manifest);
            ScriptRunner.runAndCommit(target, postData.stream().filter(SchemaScript::runsLast).toList());
            List<SmokeResult> smoke = request.smoke() == null ? List.of() : SmokeQueries.run(target, request.smoke());
            SchemaCheck schema = compareSchema(target, manifest, preData, postData);
            return new RestoreResult(archive.location(), "pgcarry", manifest.source().database(), clean.size(),
                    preData.size() + postData.size(), tables, sequences, refreshed, smoke, warnings,
                    (System.nanoTime() - started) / 1e9, verification.origin(), schema, largeObjects);
        } catch (SQLException e) {
            throw SqlErrors.translate("restoring " + archive.location(), e);
        }
    }

    /** The archive's verification, refused with its first problem before the target is touched. */
    private Verification verified(Archive archive) {
        progress.phase("verifying the archive");
        Verification verification = ArchiveVerifier.verify(archive, false, request.signKey());
        if (!verification.passed()) {
            List<String> problems = verification.problems();
            throw new ArchiveException("archive " + archive.location() + " is refused, nothing was restored: " + problems.get(0)
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more; see pgcarry backup verify)" : ""));
        }
        return verification;
    }

    /** What the backup itself left out, so the restore's result says it too. */
    private static List<String> warnings(Manifest manifest) {
        List<String> warnings = new ArrayList<>(manifest.warnings().stream().map(w -> "not in the archive: " + w).toList());
        manifest.tables().stream().filter(Manifest.Table::dataExcluded).forEach(t -> warnings.add("the backup left out the rows of "
                + t.qualifiedName() + " (" + Setting.EXCLUDE_TABLE_DATA.mention() + "): it is restored empty"));
        return warnings;
    }

    /** The clean-up and pre-data in one transaction, so a failure leaves the target as it was. */
    private void createSchema(Connection target, List<String> clean, List<ScriptStatement> preData) throws SQLException {
        progress.phase("creating the schema");
        target.setAutoCommit(false);
        runStatements(target, clean, "removing what the archive contains (" + Setting.CLEAN.mention() + ")");
        // Built from the archive's schema objects where it has them (checked by the verification to be the listed ones).
        ScriptRunner.run(target, preData);
        target.commit();
        target.setAutoCommit(true);
    }

    /**
     * Data, keys, indexes, statistics and validation as one parallel graph; row-level security and what must run last
     * are left out of it, for after the validation.
     */
    private RestoreTasks loadData(Connection target, Archive archive, Manifest manifest, List<ScriptStatement> postData)
            throws SQLException {
        progress.phase("copying");
        progress.copyStarting(manifest.rows(), manifest.dataBytes());
        RestoreTasks work = new RestoreTasks(archive, manifest, progress, Sessions.serverEncoding(target), request.jobs());
        TaskGraph.run("restoring", request.jobs(), work.tasks(postData.stream()
                        .filter(s -> !switchesRowSecurity(s) && !SchemaScript.runsLast(s)).toList()),
                () -> Sessions.prepare(connector.open(request.to())));
        return work;
    }

    /** Null when the archive holds no large object. */
    private LargeObjectValidation largeObjects(Connection target, Archive archive, Manifest manifest) throws SQLException {
        if (manifest.largeObjects().isEmpty()) {
            return null;
        }
        progress.phase("large objects");
        LargeObjectRestore.load(archive, manifest, request.jobs(), () -> Sessions.prepare(connector.open(request.to())));
        return LargeObjectRestore.validate(target, manifest);
    }

    private SchemaCheck compareSchema(Connection target, Manifest manifest, List<ScriptStatement> preData,
            List<ScriptStatement> postData) throws SQLException {
        progress.phase("comparing the schema with the archive");
        List<ScriptStatement> archived = new ArrayList<>(preData);
        archived.addAll(postData);
        return SchemaArrival.ofArchive(target, archived, manifest.withPrivileges(), manifest.source().serverVersionNum(),
                request.clean());
    }

    /** Checks the target before any change; returns the clean-up statements (empty without --clean). */
    private List<String> prepareTarget(Connection target, Manifest manifest, List<String> warnings) throws SQLException {
        SchemaModel present = SchemaSource.read(target, false);
        checkExtensions(target, manifest, warnings);
        if (!request.clean()) {
            present.requireEmpty("restore into an empty database, or add " + Setting.CLEAN.mention() + " to remove the archive's objects first");
            LargeObjectRestore.prepare(target, manifest, false);
            return List.of();
        }
        List<ScriptStatement> script = new ArrayList<>(manifest.statements(Section.PRE_DATA));
        script.addAll(manifest.statements(Section.POST_DATA));
        List<String> clean = new ArrayList<>(CleanScript.of(script, present));
        clean.addAll(LargeObjectRestore.prepare(target, manifest, true));
        return clean;
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

    private static boolean switchesRowSecurity(ScriptStatement statement) {
        return statement.object() != null && statement.object().kind() == ObjectKind.TABLE
                && statement.sql().endsWith(" ROW LEVEL SECURITY");
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
        List<String> views = SchemaScript.refreshes(manifest.statements(Section.PRE_DATA));
        if (!views.isEmpty()) {
            progress.phase("materialized views");
        }
        runStatements(target, Sessions.underRowSecurity(views), "refreshing materialized views");
        return views.size();
    }
}
