package io.pgcarry.cli;

import io.pgcarry.migrate.MigrationTool;
import io.pgcarry.migrate.StatusRequest;
import io.pgcarry.migrate.verify.MigrateVerify;
import io.pgcarry.migrate.verify.VerifyRequest;
import io.pgcarry.migrate.verify.VerifyResult;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pgcarry migrate verify}: migrate status, then the target's schema against what the files make. */
@Command(name = "verify", mixinStandardHelpOptions = true, description = {
        "Everything migrate status does, then schema drift: the target's schema against what its migration files make.",
        "The applied migrations are replayed on a throw-away PostgreSQL of the target's major version, then both schemas compared.",
        "Reads the target only. Exit 0 when status is clean and nothing drifted, 1 otherwise, 3 when a file fails."})
final class MigrateVerifyCommand extends BaseCommand {
    @Mixin
    ToOptions to;
    @Mixin
    ConnectionOptions connection;

    @Option(names = "--dir", paramLabel = "DIR", required = true,
            description = "The migration directory, or the project holding it where the tool puts it (prisma/migrations, drizzle, db/migration...).")
    Path dir;

    @Option(names = "--tool", paramLabel = "TOOL", defaultValue = "auto",
            description = "auto (from the directory, then the ledger tables) or one of: ${COMPLETION-CANDIDATES}.",
            completionCandidates = MigrateStatusCommand.ToolNames.class)
    String tool;

    @Option(names = "--ledger-schema", paramLabel = "SCHEMA",
            description = "The schema of the tool's ledger table, when it is not the tool's default (public, drizzle...).")
    String ledgerSchema;

    @Option(names = "--include-pending",
            description = "Replay pending migrations too: compare with what the target will be after the next run, not what it should be now.")
    boolean includePending;

    @Option(names = "--pg", paramLabel = "MAJOR",
            description = "The major version of the throw-away server (default: the target's).")
    Integer major;

    @Override
    public Integer call() {
        MigrationTool named = tool.equalsIgnoreCase("auto") ? null : MigrationTool.parse(tool);
        StatusRequest status = new StatusRequest(connection.target(to), dir, named, ledgerSchema);
        VerifyResult result = new MigrateVerify(connection.connector()).verify(new VerifyRequest(status, includePending, major));
        return console().finish(result, MigrateVerifyReports.verify(result), result.clean() ? ExitCodes.OK : ExitCodes.PROBLEMS_FOUND);
    }
}
