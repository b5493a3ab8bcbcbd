package io.pgcarry.cli;

import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.verify.Validate;
import io.pgcarry.verify.ValidateRequest;
import io.pgcarry.verify.ValidationLevel;
import io.pgcarry.verify.ValidationReport;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pgcarry validate}: prove that two databases hold the same data, down to the differing primary keys. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = {
        "Prove that two databases hold the same data, down to the differing primary keys.",
        "Each side is read in one snapshot: row counts, content hashes, differing rows, orphans, sequences."})
final class ValidateCommand extends BaseCommand {
    @Mixin
    FromOptions from;
    @Mixin
    ToOptions to;
    @Mixin
    ConnectionOptions connection;

    @Mixin
    SelectionOptions selection;

    @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "full",
            description = "count, hash or full (default: ${DEFAULT-VALUE}: differing rows down to their keys).")
    ValidationLevel level;

    @Mixin
    JobsOption jobs;

    @Option(names = "--max-diffs", paramLabel = "N", defaultValue = "10", description = "Differing rows listed per table (default: ${DEFAULT-VALUE}).")
    int maxDiffs;

    @Option(names = "--show-values", description = "Show the differing values (off by default: data can be sensitive).")
    boolean showValues;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the result as JSON.")
    Path report;

    @Override
    public Integer call() {
        ConnectionSpec source = connection.source(from);
        ConnectionSpec target = connection.target(to);
        ValidateRequest request = new ValidateRequest(source, target, selection.mapping(), selection.selection(),
                level, jobs.resolve(source, target), maxDiffs, showValues);
        ValidationReport result = new Validate(connection.connector()).run(request);
        ReportFile.write(report, result);
        return console().finish(result, Reports.validation(result), result.passed() ? ExitCodes.OK : ExitCodes.PROBLEMS_FOUND);
    }
}
