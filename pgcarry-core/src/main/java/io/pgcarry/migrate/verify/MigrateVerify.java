package io.pgcarry.migrate.verify;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.Sessions;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.migrate.MigrateStatus;
import io.pgcarry.migrate.MigrationStatus;
import io.pgcarry.migrate.MigrationTool;
import io.pgcarry.schema.ObjectId;
import io.pgcarry.schema.SchemaDiff;
import io.pgcarry.schema.SchemaDifferences;
import io.pgcarry.schema.SchemaModel;
import io.pgcarry.schema.SchemaSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code pgcarry migrate verify}: {@link MigrateStatus}, then schema drift against the files. The migrations the
 * ledger says are applied (with {@code includePending}, all of them) are replayed in the tool's order on a throw-away
 * server of the target's major version, and the schema they make is compared with the target's by {@link SchemaDiff},
 * both read by the same reader. The target is only read: no shadow database, no privilege beyond reading its catalog.
 * The throw-away server is stopped and removed whatever happens.
 */
public final class MigrateVerify {
    private final Connector connector;
    private final ScratchServers servers;

    /** Verifies on pgcarry's embedded PostgreSQL. */
    public MigrateVerify(Connector connector) {
        this(connector, ScratchServers.embedded());
    }

    /** Verifies on the throw-away servers {@code servers} starts. */
    public MigrateVerify(Connector connector, ScratchServers servers) {
        this.connector = connector;
        this.servers = servers;
    }

    public VerifyResult verify(VerifyRequest request) {
        long started = System.nanoTime();
        ConnectionSpec target = request.status().target();
        int major = request.serverMajor() == null ? TargetSchema.major(connector, target) : request.serverMajor();
        try (PendingScratch pending = PendingScratch.start(servers, major)) {
            MigrationStatus status = new MigrateStatus(connector).status(request.status());
            // every file, pending ones too: a directory of Ruby or Go migrations cannot be verified, applied or not
            status.migrations().stream().filter(m -> m.file() != null).forEach(m -> requireSql(status.tool(), m.file()));
            ReplayPlan plan = ReplayPlan.of(status, request.includePending());
            TargetSchema schema = TargetSchema.read(connector, target);
            QualifiedName ledger = status.ledger() == null ? null : QualifiedName.parse(status.ledger(), "public");
            Optional<String> migratedSchema = ScratchSetup.migratedSchema(status.tool(), ledger);
            ScratchServer scratch = pending.get();
            Replay replay = replay(scratch, status, plan, schema.roles(), migratedSchema);
            SchemaModel files = read(scratch);
            Set<ObjectId> dependents = ExtensionDependents.read(connector, target, replay.missingExtensions());
            DriftScope scope = DriftScope.of(files, schema.model(), ledger, replay.missingExtensions(), dependents);
            SchemaDifferences differences = SchemaDiff.compare(scope.files(), scope.target());
            List<String> notes = new ArrayList<>(plan.notes());
            notes.addAll(replay.skipped());
            return new VerifyResult(status, new VerifyResult.Server(major, scratch.version(), scratch.startTime().toMillis() / 1000.0),
                    replay.replayed(), request.includePending(), plan.pendingLeftOut(),
                    migratedSchema.map(s -> s + ", public").orElse(null), replay.missingExtensions(), notes,
                    scope.excluded().stream().map(ObjectId::toString).toList(),
                    differences.differences().stream().map(Drift::of).toList(), differences.notCompared(),
                    (System.nanoTime() - started) / 1e9);
        }
    }

    /** Refuses a migration that is not SQL ({@code relative} to the migration directory), before anything starts. */
    static void requireSql(MigrationTool tool, String relative) {
        if (!relative.toLowerCase(Locale.ROOT).endsWith(".sql")) {
            throw new ConfigurationException("migrate verify replays SQL migrations, and " + tool + "'s " + relative
                    + " is not SQL; compare the schema such migrations build with pgcarry diff instead");
        }
    }

    private static Replay replay(ScratchServer scratch, MigrationStatus status, ReplayPlan plan, List<String> roles,
                                 Optional<String> migratedSchema) {
        try (Connection c = scratch.connect()) {
            ScratchSetup.prepare(c, roles, migratedSchema);
            return new Replayer(status.tool(), status.directory(), c, scratch.version()).replay(plan.steps());
        } catch (SQLException e) {
            throw SqlErrors.translate("replaying the migrations on the throw-away PostgreSQL " + scratch.version(), e);
        }
    }

    /** The schema the files made, read as the target's is: same session settings, same reader. */
    private static SchemaModel read(ScratchServer scratch) {
        try (Connection c = Sessions.prepare(scratch.connect())) {
            Connector.pinSearchPath(c);
            return SchemaSource.read(c, false);
        } catch (SQLException e) {
            throw SqlErrors.translate("reading the schema the migrations made on the throw-away PostgreSQL", e);
        }
    }
}
