package io.pgcarry.cli;

import io.pgcarry.check.ChecksFailedException;
import io.pgcarry.clone.Clone;
import io.pgcarry.clone.CloneRequest;
import io.pgcarry.clone.CloneResult;
import io.pgcarry.connect.ConnectionSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pgcarry clone}: a whole database, schema and data, into an empty one. */
@Command(name = "clone", mixinStandardHelpOptions = true, description = {
        "Copy a whole database, schema and data, into an empty one, then validate.",
        "The schema runs in one transaction; data is copied in parallel from one snapshot, keys and indexes are",
        "built after the load, triggers are off during it.",
        "An interrupted data load is finished with --resume (same arguments)."})
final class CloneCommand extends BaseCommand {
    @Mixin
    FromOptions from;
    @Mixin
    ToOptions to;
    @Mixin
    ConnectionOptions connection;

    @Mixin
    JobsOption jobs;

    @Mixin
    ValidationOptions validation;

    @Option(names = "--resume", description = "Finish an interrupted clone: the schema is in place, copy the ranges not yet committed.")
    boolean resume;

    @Option(names = "--exclude-table-data", paramLabel = "PATTERN", split = ",",
            description = "Do not copy the rows of tables matching these patterns (table or schema.table, * and ? allowed); "
                    + "their definitions are copied. Refused when copied rows reference the rows left out.")
    List<String> excludeTableData = new ArrayList<>();

    @Option(names = "--with-privileges", description = "Also copy owners and grants (the roles must exist on the target).")
    boolean withPrivileges;

    @Mixin
    SkipUnmodelledOption skipUnmodelled;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the result as JSON.")
    Path report;

    @Override
    public Integer call() {
        ConnectionSpec source = connection.source(from);
        ConnectionSpec target = connection.target(to);
        CloneRequest request = new CloneRequest(source, target, jobs.resolve(source, target), validation.chosen(),
                withPrivileges, excludeTableData, skipUnmodelled.skip);
        ProgressPrinter progress = new ProgressPrinter(console(), jobs.note());
        try {
            Clone clone = new Clone(connection.connector());
            CloneResult result = resume ? clone.resume(request, progress) : clone.run(request, progress);
            progress.finished();
            result.warnings().forEach(w -> console().warn("left out, not cloned: " + w));
            ReportFile.write(report, result);
            return console().finish(result, Reports.clone(result), result.passed() ? ExitCodes.OK : ExitCodes.PROBLEMS_FOUND);
        } catch (ChecksFailedException e) {
            progress.finished();
            console().reportBeforeFailure(Reports.check(e.report()));
            throw e;
        } finally {
            progress.finished();
        }
    }
}
