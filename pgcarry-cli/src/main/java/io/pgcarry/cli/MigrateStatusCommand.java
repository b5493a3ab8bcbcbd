package io.pgcarry.cli;

import io.pgcarry.migrate.MigrateStatus;
import io.pgcarry.migrate.MigrationStatus;
import io.pgcarry.migrate.MigrationTool;
import io.pgcarry.migrate.StatusRequest;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pgcarry migrate status}: each migration of a directory against the tool's ledger in the target. */
@Command(name = "status", mixinStandardHelpOptions = true, description = {
        "Compare a migration directory with the migration tool's ledger in the target, one row per migration.",
        "Each is applied, pending, failed, modified, line-endings-only, missing, skipped or out-of-order.",
        "Each tool's checksum is recomputed as the tool computes it. Reads only; exit 1 when anything is not applied as on disk."})
final class MigrateStatusCommand extends BaseCommand {
    @Mixin
    ToOptions to;
    @Mixin
    ConnectionOptions connection;

    @Option(names = "--dir", paramLabel = "DIR", required = true,
            description = "The migration directory, or the project holding it where the tool puts it (prisma/migrations, drizzle, db/migrate...).")
    Path dir;

    @Option(names = "--tool", paramLabel = "TOOL", defaultValue = "auto",
            description = "auto (from the directory, then the ledger tables) or one of: ${COMPLETION-CANDIDATES}.",
            completionCandidates = ToolNames.class)
    String tool;

    @Option(names = "--ledger-schema", paramLabel = "SCHEMA",
            description = "The schema of the tool's ledger table, when it is not the tool's default (public, drizzle...).")
    String ledgerSchema;

    @Override
    public Integer call() {
        MigrationTool named = tool.equalsIgnoreCase("auto") ? null : MigrationTool.parse(tool);
        StatusRequest request = new StatusRequest(connection.target(to), dir, named, ledgerSchema);
        MigrationStatus status = new MigrateStatus(connection.connector()).status(request);
        return console().finish(status, MigrateReports.status(status), status.upToDate() ? ExitCodes.OK : ExitCodes.PROBLEMS_FOUND);
    }

    /** The tool names for --help. */
    static final class ToolNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(MigrationTool.values()).map(MigrationTool::cliName).iterator();
        }
    }
}
