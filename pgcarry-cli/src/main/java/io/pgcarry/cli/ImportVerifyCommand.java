package io.pgcarry.cli;

import io.pgcarry.error.ConfigurationException;
import io.pgcarry.importer.Import;
import io.pgcarry.importer.ImportRequest;
import io.pgcarry.importer.ImportResult;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pgcarry import verify}: strict parity of the records with the target, writing nothing. */
@Command(name = "verify", mixinStandardHelpOptions = true, description = {
        "Compare every record, as converted, with the target field by field (child rows too), and find rows no record explains.",
        "Prints differences: [] or each difference; exit 1 on any. While the mapping file, the input files and the tables all hash "
                + "as they did when the last import's parity passed, that proof stands in for reading the records again."})
final class ImportVerifyCommand extends BaseCommand {
    @Mixin
    ToOptions to;
    @Mixin
    ConnectionOptions connection;

    @Option(names = "--map", paramLabel = "FILE", description = "The mapping file the import used.")
    Path map;

    @Option(names = "--max-diffs", paramLabel = "N", defaultValue = "" + ImportRequest.DEFAULT_MAX_DIFFS,
            description = "List at most N differences (all are counted; default: ${DEFAULT-VALUE}).")
    int maxDiffs;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the result as JSON.")
    Path report;

    @Option(names = "--record-by-record", description = {"Read and compare every record even when the last import's proof "
            + "still holds (the mapping file, the input files and the tables all hashing as they did when its parity passed)."})
    boolean recordByRecord;

    @Override
    public Integer call() {
        if (map == null) {
            throw new ConfigurationException("import verify needs --map FILE, the mapping file");
        }
        if (maxDiffs < 1) {
            throw new ConfigurationException("--max-diffs must be at least 1, got " + maxDiffs);
        }
        ImportRequest request = new ImportRequest(connection.target(to), map, 0, null, null, maxDiffs);
        ImportResult result = new Import(connection.connector(), console()::info).verify(request, recordByRecord);
        ReportFile.write(report, result);
        return console().finish(result, ImportReports.text(result), result.passed() ? ExitCodes.OK : ExitCodes.PROBLEMS_FOUND);
    }
}
