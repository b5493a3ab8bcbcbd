package io.pgcarry.cli;

import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.backup.Backup;
import io.pgcarry.backup.BackupRequest;
import io.pgcarry.backup.BackupResult;
import io.pgcarry.backup.Compression;
import io.pgcarry.backup.SigningKey;
import io.pgcarry.error.ConfigurationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pgcarry backup}: a verified archive of one database; its subcommands check, list and export archives. */
@Command(name = "backup", mixinStandardHelpOptions = true, description = {
        "Back up a database into a verified archive, read in parallel from one snapshot.",
        "The archive holds the schema, one compressed COPY file per table or range, and a checksummed manifest with",
        "row counts and content hashes; no password is stored.",
        "Subcommands check an archive (verify), list archives (list) and write one as plain SQL (export-sql)."},
        subcommands = {BackupVerifyCommand.class, BackupListCommand.class, BackupExportSqlCommand.class})
final class BackupCommand extends BaseCommand {
    @Mixin
    FromOptions from;
    @Mixin
    ConnectionOptions connection;

    @Option(names = "--out", paramLabel = "DIR", description = "Directory the archive is written into (created if needed).")
    Path out;

    @Option(names = "--file", paramLabel = "NAME",
            description = "Write one archive file NAME.pgcarry into --out instead of a directory <database>-<UTC time>.")
    String file;

    @Mixin
    JobsOption jobs;

    @Option(names = "--compress", paramLabel = "METHOD", defaultValue = "zstd",
            description = "Compression of data files: zstd, gzip or none (default: ${DEFAULT-VALUE}).")
    String compress;

    @Option(names = "--split-rows", paramLabel = "ROWS", defaultValue = "0",
            description = "Write tables estimated above twice this many rows as key ranges of about this size. By default (0) "
                    + "a table is split only where that shortens the whole backup, as in move.")
    long splitRows;

    @Option(names = "--exclude-table-data", paramLabel = "PATTERN", split = ",",
            description = "Leave out the rows of tables matching these patterns (table or schema.table, * and ? allowed); their "
                    + "definitions are kept and restore empty. Refused when kept rows reference the rows left out.")
    List<String> excludeTableData = new ArrayList<>();

    @Option(names = "--with-privileges", description = "Also archive owners and grants (restoring them needs the same roles).")
    boolean withPrivileges;

    @Option(names = "--sign-key-file", paramLabel = "FILE",
            description = "Sign the archive with an HMAC-SHA256 of its manifest, keyed with the secret in FILE (at least 16 bytes; "
                    + "keep it private). verify and restore check it with the same option.")
    Path signKeyFile;

    @Mixin
    SkipUnmodelledOption skipUnmodelled;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the result as JSON.")
    Path report;

    @Override
    public Integer call() {
        if (out == null) {
            throw new ConfigurationException("backup needs --out DIR, the directory to write the archive into");
        }
        ConnectionSpec source = connection.source(from);
        BackupRequest request = new BackupRequest(source, out, file, jobs.resolve(source), Compression.parse(compress), withPrivileges,
                splitRows, excludeTableData, signKeyFile == null ? null : SigningKey.read(signKeyFile),
                skipUnmodelled.skip);
        ProgressPrinter progress = new ProgressPrinter(console(), jobs.note());
        try {
            BackupResult result = new Backup(connection.connector()).run(request, progress);
            progress.finished();
            result.warnings().forEach(w -> console().warn("left out, not archived: " + w));
            ReportFile.write(report, result);
            return console().finish(result, BackupReports.backup(result), ExitCodes.OK);
        } finally {
            progress.finished();
        }
    }
}
