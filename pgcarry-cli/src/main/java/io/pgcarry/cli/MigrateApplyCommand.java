package io.pgcarry.cli;

import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.migrate.MigrationTool;
import io.pgcarry.migrate.apply.ApplyOutcome;
import io.pgcarry.migrate.apply.ApplyRequest;
import io.pgcarry.migrate.apply.ApplyResult;
import io.pgcarry.migrate.apply.MigrateApply;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pgcarry migrate apply}: runs the pending migrations and records them in the tool's own ledger. */
@Command(name = "apply", mixinStandardHelpOptions = true, description = {
        "Apply a directory's pending migrations in order, recording each in the tool's own ledger in the tool's format.",
        "Writes the ledgers of prisma, drizzle, flyway and pgcarry's own (plain NNN_name.sql files). Refuses when migrate",
        "status shows a modified, missing, failed or skipped migration. Each file runs in one transaction with its ledger",
        "row, unless it holds a statement that cannot (CREATE INDEX CONCURRENTLY...): then statement by statement.",
        "Exit 0 when everything was applied (or planned), 1 when refused, 3 when a migration failed."})
final class MigrateApplyCommand extends BaseCommand {
    @Mixin
    ToOptions to;
    @Mixin
    ConnectionOptions connection;

    @Option(names = "--dir", paramLabel = "DIR", required = true,
            description = "The migration directory, or the project holding it where the tool puts it (prisma/migrations, drizzle...).")
    Path dir;

    @Option(names = "--tool", paramLabel = "TOOL", defaultValue = "auto",
            description = "auto (from the directory, then the ledger tables), prisma, drizzle, flyway or pgcarry.")
    String tool;

    @Option(names = "--ledger-schema", paramLabel = "SCHEMA",
            description = "The schema of the tool's ledger table, when it is not the tool's default.")
    String ledgerSchema;

    @Option(names = "--dry-run", description = "Print the plan (files, statements, transaction mode, hazards) and write nothing.")
    boolean dryRun;

    @Option(names = "--lock-timeout", paramLabel = "TIME", defaultValue = "2s",
            description = "lock_timeout of every statement (500ms, 2s, 1min; default: ${DEFAULT-VALUE}).")
    String lockTimeout;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "5",
            description = "Tries again after a lock timeout up to N times, waiting 0.5 s, then twice as long each time (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--wait", description = "When another migrate apply runs on the database, wait for it instead of stopping.")
    boolean waitForLock;

    @Override
    public Integer call() {
        if (retries < 0) {
            throw new ConfigurationException("--retries must be 0 or more, got " + retries);
        }
        MigrationTool named = tool.equalsIgnoreCase("auto") ? null : MigrationTool.parse(tool);
        ApplyRequest request = new ApplyRequest(connection.target(to), dir, named, ledgerSchema, dryRun,
                TimeSpans.parse(lockTimeout, "--lock-timeout"), retries, ApplyRequest.DEFAULT_BACKOFF, waitForLock);
        ApplyResult result = new MigrateApply(connection.connector()).apply(request, console()::info);
        return console().finish(result, MigrateApplyReports.text(result), exitCode(result.outcome()));
    }

    private static int exitCode(ApplyOutcome outcome) {
        return switch (outcome) {
            case APPLIED, PLANNED -> ExitCodes.OK;
            case REFUSED -> ExitCodes.PROBLEMS_FOUND;
            case FAILED -> ErrorCode.DATABASE.exitCode();
        };
    }
}
