package io.pgcarry.cli;

import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.importer.Import;
import io.pgcarry.importer.ImportRequest;
import io.pgcarry.importer.ImportResult;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pgcarry import}: JSON, NDJSON, one-record-per-file and CSV stores into an existing schema, with proof. */
@Command(name = "import", mixinStandardHelpOptions = true, subcommands = ImportVerifyCommand.class, description = {
        "Load JSON, NDJSON, one-record-per-file and CSV stores into an existing schema through a mapping file, all or nothing.",
        "One transaction, then a strict parity check; --dry-run checks every record against every constraint and writes nothing."})
final class ImportCommand extends BaseCommand {
    @Mixin
    ToOptions to;
    @Mixin
    ConnectionOptions connection;

    @Option(names = "--map", paramLabel = "FILE", description = "The mapping file (YAML): collections, tables, columns, ids.")
    Path map;

    @Option(names = "--dry-run", description = "Read, convert and check every record; write nothing. Exit 1 if any would be rejected.")
    boolean dryRun;

    @Option(names = "--errors", paramLabel = "FILE", description = "Write each rejected record with its reason as NDJSON.")
    Path errors;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the result (with the input snapshot) as JSON.")
    Path report;

    @Option(names = "--expect-snapshot", paramLabel = "FILE", description = "Refuse to apply unless the inputs are those of this dry run's --report.")
    Path expectSnapshot;

    @Option(names = "--allow-rejects", paramLabel = "N", defaultValue = "0",
            description = "Import the others when at most N records are rejected (default: ${DEFAULT-VALUE}, all or none).")
    long allowRejects;

    @Option(names = "--max-diffs", paramLabel = "N", defaultValue = "" + ImportRequest.DEFAULT_MAX_DIFFS,
            description = "List at most N parity differences (all are counted; default: ${DEFAULT-VALUE}).")
    int maxDiffs;

    @Option(names = "--resume", description = "Finish an interrupted import: the same as running it again (records already in are skipped).")
    boolean resume;

    @Option(names = "--abort", description = "Undo an interrupted import: an import commits whole or not at all, so this says so and "
            + "removes any journal leftovers.")
    boolean abort;

    @Override
    public Integer call() {
        if (resume && abort || dryRun && (resume || abort)) {
            throw new ConfigurationException("give only one of --dry-run, --resume and --abort");
        }
        ConnectionSpec target = connection.target(to);
        Import service = new Import(connection.connector(), console()::info);
        if (abort) {
            long removed = service.abort(request(target));
            return console().finish(java.util.Map.of("nothingToUndo", true, "journalRunsRemoved", removed),
                    "no import in progress in " + target.address() + "; nothing to undo (an import commits whole or not at all)"
                            + (removed > 0 ? "; removed " + removed + " unfinished journal runs" : ""), ExitCodes.OK);
        }
        ImportRequest request = request(target);
        ImportResult result = dryRun ? service.dryRun(request) : service.apply(request, new io.pgcarry.copy.CopyProgress() { });
        ReportFile.write(report, result);
        return console().finish(result, ImportReports.text(result), result.passed() ? ExitCodes.OK : ExitCodes.PROBLEMS_FOUND);
    }

    private ImportRequest request(ConnectionSpec target) {
        if (map == null) {
            throw new ConfigurationException("import needs --map FILE, the mapping file");
        }
        if (maxDiffs < 1) {
            throw new ConfigurationException("--max-diffs must be at least 1, got " + maxDiffs);
        }
        if (allowRejects < 0) {
            throw new ConfigurationException("--allow-rejects must not be negative, got " + allowRejects);
        }
        return new ImportRequest(target, map, allowRejects, errors, expectSnapshot, maxDiffs);
    }
}
