package io.pgcarry.cli;

import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.lint.ByteSize;
import io.pgcarry.migrate.MigrationTool;
import io.pgcarry.rehearse.Rehearse;
import io.pgcarry.rehearse.RehearsalResult;
import io.pgcarry.rehearse.RehearseRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pgcarry rehearse}: pending migrations run on a scratch copy, every statement's locks, rewrites and WAL measured. */
@Command(name = "rehearse", mixinStandardHelpOptions = true, description = {
        "Run the pending migrations on a scratch copy of the database and measure what each statement does.",
        "Per statement: the locks it takes (mode and relation, from pg_locks) and how long, rewrites and their size, WAL,",
        "the rows that make it fail, and with --probe-traffic how long reads and writes of the touched tables were blocked.",
        "Never writes to --on. Exit 0 when every statement ran within the budgets, 1 when one failed or exceeded a budget."})
final class RehearseCommand extends BaseCommand {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--on", paramLabel = "DB", required = true,
            description = "The live database: a URL, key=value pairs or $VARIABLE. Only read.")
    String on;

    @Option(names = "--dir", paramLabel = "DIR", description = "The migration directory: its pending migrations are rehearsed, read as migrate apply reads them.")
    Path dir;

    @Parameters(paramLabel = "FILE.sql", arity = "0..*", description = "Plain SQL files, all rehearsed, in order (instead of --dir).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--tool", paramLabel = "TOOL", defaultValue = "auto",
            description = "With --dir: auto or one of: ${COMPLETION-CANDIDATES}.", completionCandidates = MigrateStatusCommand.ToolNames.class)
    String tool;

    @Option(names = "--ledger-schema", paramLabel = "SCHEMA", description = "With --dir: the schema of the tool's ledger table.")
    String ledgerSchema;

    @Option(names = "--scratch", paramLabel = "URL", description = "Rehearse on this database, a copy of --on you provide (left in place).")
    String scratch;

    @Option(names = "--clone", description = "Rehearse on a copy pgcarry makes (the default): CREATE DATABASE ... TEMPLATE, else pgcarry clone.")
    boolean clone;

    @Option(names = "--keep", description = "Keep the copy pgcarry made (it is dropped otherwise, also on failure and Ctrl-C).")
    boolean keep;

    @Option(names = "--probe-traffic", description = "Read and write the touched tables from probe sessions meanwhile; report how long they were blocked.")
    boolean probeTraffic;

    @Option(names = "--lock-timeout", paramLabel = "TIME",
            description = "Try each statement taking ACCESS EXCLUSIVE again while a reader holds its table, under this lock_timeout.")
    String lockTimeout;

    @Option(names = "--max-lock", paramLabel = "TIME", description = "Fail when a lock that blocks writes is held longer (1s, 500ms).")
    String maxLock;

    @Option(names = "--max-rewrite", paramLabel = "SIZE", description = "Fail when a statement rewrites more (100MB, 1GB).")
    String maxRewrite;

    @Option(names = "--no-proof", description = "Skip the proof afterwards (schema diff, content hash of untouched tables).")
    boolean noProof;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the result as JSON.")
    Path report;

    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML report with a timeline of locks per table.")
    Path html;

    @Override
    public Integer call() {
        if (scratch != null && clone) {
            throw new ConfigurationException("give either --scratch URL or --clone, not both");
        }
        ConnectionSpec live = connection.database(on);
        ConnectionSpec given = scratch == null ? null : connection.database(scratch);
        MigrationTool named = tool.equalsIgnoreCase("auto") ? null : MigrationTool.parse(tool);
        RehearseRequest request = new RehearseRequest(live, dir, dir == null ? files : reject(files), named, ledgerSchema, given, keep,
                probeTraffic, duration(lockTimeout, "--lock-timeout"), duration(maxLock, "--max-lock"), bytes(maxRewrite), !noProof);
        RehearsalResult result = new Rehearse(connection.connector()).run(request, p -> console().info("- " + p));
        ReportFile.write(report, result);
        RehearseHtml.write(html, result);
        return console().finish(result, RehearseReports.text(result), result.passed() ? ExitCodes.OK : ExitCodes.PROBLEMS_FOUND);
    }

    private static List<Path> reject(List<Path> files) {
        if (!files.isEmpty()) {
            throw new ConfigurationException("give either --dir DIR or SQL files, not both");
        }
        return files;
    }

    private static Duration duration(String text, String option) {
        return text == null ? null : TimeSpans.parse(text, option);
    }

    /** {@code 100MB}, {@code 1GB}, {@code 500kB} or bytes, in units of 1024, as {@code lint --small-table} reads them. */
    static Long bytes(String text) {
        return text == null ? null : ByteSize.parse(text, "--max-rewrite");
    }
}
