package io.pgcarry.cli;

import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.lint.ByteSize;
import io.pgcarry.lint.LintReport;
import io.pgcarry.lint.LintRequest;
import io.pgcarry.lint.LintRunner;
import io.pgcarry.migrate.MigrationTool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pgcarry lint}: static rules for what migration files will do to a live database. */
@Command(name = "lint", mixinStandardHelpOptions = true, description = {
        "Check migration files for statements that lock, rewrite or scan tables of a live database, or break the running "
                + "application, each finding with its file, line and the safe way to do the same.",
        "Aware of the PostgreSQL version (--pg-version, or the server's with --to; else 13 is assumed) and, with --to, of "
                + "each table's size: on a table under --small-table an error becomes a warning. '-- pgcarry:allow RULE' on "
                + "the line above a statement silences RULE for it. Reads only; exit 1 on any error."})
final class LintCommand extends BaseCommand {
    @Mixin
    ToOptions to;
    @Mixin
    ConnectionOptions connection;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "SQL files, linted in this order, each run as psql runs it.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--dir", paramLabel = "DIR",
            description = "A migration directory, read as migrate reads it; with --to only the migrations not yet applied there.")
    Path dir;

    @Option(names = "--tool", paramLabel = "TOOL", defaultValue = "auto",
            description = "The tool of --dir: auto (from the directory) or one of: ${COMPLETION-CANDIDATES}.",
            completionCandidates = MigrateStatusCommand.ToolNames.class)
    String tool;

    @Option(names = "--pg-version", paramLabel = "N", description = "The PostgreSQL major version the migration will meet (default: the "
            + "server's with --to, else 13, the oldest supported).")
    Integer pgVersion;

    @Option(names = "--small-table", paramLabel = "SIZE", defaultValue = "10MB",
            description = "With --to, a table under this size is small: a rewrite or long lock of it is a warning, not an error "
                    + "(default: ${DEFAULT-VALUE}).")
    String smallTable;

    @Option(names = "--single-transaction", description = "The FILEs run in one transaction each (psql -1), as many tools run migrations.")
    boolean singleTransaction;

    @Override
    public Integer call() {
        MigrationTool named = tool.equalsIgnoreCase("auto") ? null : MigrationTool.parse(tool);
        ConnectionSpec target = to.given() || connection.profile != null ? connection.target(to) : null;
        LintRequest request = new LintRequest(files, dir, named, target, pgVersion, ByteSize.parse(smallTable, "--small-table"),
                singleTransaction);
        LintReport report = new LintRunner(connection.connector()).run(request);
        return console().finish(report, LintReports.render(report), report.passed() ? ExitCodes.OK : ExitCodes.PROBLEMS_FOUND);
    }
}
