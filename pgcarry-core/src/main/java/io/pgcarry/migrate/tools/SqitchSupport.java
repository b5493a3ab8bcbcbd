package io.pgcarry.migrate.tools;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.migrate.FileChecksum;
import io.pgcarry.migrate.Layout;
import io.pgcarry.migrate.LedgerEntry;
import io.pgcarry.migrate.LedgerTable;
import io.pgcarry.migrate.LocalMigration;
import io.pgcarry.migrate.MigrationTool;
import io.pgcarry.migrate.OrderPolicy;
import io.pgcarry.migrate.ToolSupport;
import io.pgcarry.migrate.checksum.LineEndings;
import io.pgcarry.migrate.checksum.SqitchChecksum;
import io.pgcarry.migrate.checksum.SqitchPlan;
import io.pgcarry.migrate.checksum.SqitchPlanParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sqitch: {@code sqitch.plan} lists the changes in order, each deployed by {@code deploy/<name>.sql} (an earlier
 * declaration of a reworked change by {@code deploy/<name>@<tag>.sql}), and the registry table {@code sqitch.changes}
 * holds one row per deployed change ({@link SqitchRegistry}). A change is known by its change id, a SHA-1 over its plan
 * line and its parent's id ({@link SqitchChecksum#changeId}); the registry's {@code script_hash} is the SHA-1 of the
 * deploy script as it was deployed. {@code sqitch deploy} starts after the last deployed change's place in the plan,
 * so a change before it that is not deployed never is; and when the plan no longer has the last deployed change's id
 * (a line at or before it changed), it stops.
 */
final class SqitchSupport implements ToolSupport {
    static final String PLAN = "sqitch.plan";

    @Override
    public MigrationTool tool() {
        return MigrationTool.SQITCH;
    }

    @Override
    public Optional<Layout> detect(Path dir) {
        return Files.isRegularFile(dir.resolve(PLAN)) ? Optional.of(new Layout(dir, PLAN)) : Optional.empty();
    }

    @Override
    public Path locate(Path dir) {
        return dir;
    }

    @Override
    public List<LedgerTable> ledgerTables() {
        return List.of(new LedgerTable("sqitch", "changes", List.of("change_id", "script_hash", "change", "project",
                "committed_at"), List.of()));
    }

    @Override
    public OrderPolicy orderPolicy() {
        return OrderPolicy.HIGH_WATER_MARK;
    }

    @Override
    public String lateNote() {
        return "sqitch deploy never deploys it: it starts after the last deployed change";
    }

    @Override
    public List<LocalMigration> readDirectory(Path directory) {
        if (!Files.isRegularFile(directory.resolve(PLAN))) {
            return List.of(); // named by --tool or by its registry alone: every deployed change is missing
        }
        SqitchPlan plan = SqitchPlanParser.parse(new String(MigrationFiles.read(directory.resolve(PLAN)), StandardCharsets.UTF_8));
        Path deploy = directory.resolve("deploy");
        List<LocalMigration> migrations = new ArrayList<>();
        for (SqitchPlan.Change change : plan.changes()) {
            Path script = SqitchChecksum.deployScript(deploy, change);
            String file = MigrationFiles.relative(directory, script);
            String version = MigrationFiles.relative(deploy, script).replaceFirst("\\.sql$", "");
            boolean exists = Files.isRegularFile(script);
            migrations.add(new LocalMigration(id(plan.project(), change.id()), version, change.note().lines().findFirst().orElse(""),
                    List.of(file), RunOrder.position(migrations.size() + 1, version), exists ? checksum(MigrationFiles.read(script)) : null,
                    null, false, exists ? null : "no deploy script " + file + ": sqitch deploy fails on it"));
        }
        return migrations;
    }

    /** The SHA-1 of the deploy script as it is, and of its LF and CRLF forms. */
    private static FileChecksum checksum(byte[] script) {
        return FileChecksum.of(SqitchChecksum.scriptHash(script), SqitchChecksum.scriptHash(LineEndings.toLf(script)),
                SqitchChecksum.scriptHash(LineEndings.toCrlf(script)));
    }

    /** A change's id as pgcarry matches it: its project (a registry holds several) and its change id. */
    static String id(String project, String changeId) {
        return project + ":" + changeId;
    }

    @Override
    public List<LedgerEntry> readLedger(Connection connection, QualifiedName table, List<LocalMigration> local)
            throws SQLException {
        return SqitchRegistry.read(connection, table, local);
    }
}
