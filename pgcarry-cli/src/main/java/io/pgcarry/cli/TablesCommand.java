package io.pgcarry.cli;

import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.schema.SchemaSnapshots;
import io.pgcarry.tables.Tables;
import io.pgcarry.tables.TablesReport;
import io.pgcarry.tables.TablesRequest;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pgcarry tables}: what uses each table of a database, for deciding which legacy tables can go. */
@Command(name = "tables", mixinStandardHelpOptions = true, description = {
        "List each table with what uses it, the tables nothing uses first.",
        "Rows, size, writes and scans since the statistics reset, last vacuum and analyze, foreign keys, and the views, rules, "
                + "triggers, functions and policies that use it; a verdict each (unused, referenced, read, written) with its reasons. "
                + "Reads only."})
final class TablesCommand extends BaseCommand {
    @Mixin
    ToOptions to;
    @Mixin
    ConnectionOptions connection;
    @Mixin
    TableFilterOptions filter;

    @Option(names = "--only-in-target-of", paramLabel = "SOURCE",
            description = "Mark each table as SOURCE has it (same schema and name) or not: a URL, 'host=... dbname=...', $VARIABLE or a snapshot.json.")
    String source;

    @Option(names = "--exact", description = "Count rows with count(*) (a scan of each table) rather than take the server's estimates.")
    boolean exact;

    @Override
    public Integer call() {
        ConnectionSpec target = connection.target(to);
        boolean snapshot = source != null && SchemaSnapshots.isSnapshot(source);
        TablesRequest request = new TablesRequest(target, source == null || snapshot ? null : connection.database(source),
                snapshot ? Path.of(source) : null, filter.selection(), exact);
        TablesReport report = new Tables(connection.connector()).read(request);
        return console().finish(report, TablesReports.render(report), ExitCodes.OK);
    }
}
