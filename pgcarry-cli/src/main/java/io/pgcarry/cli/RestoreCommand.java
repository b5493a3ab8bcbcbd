package io.pgcarry.cli;

import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.backup.BackupRestore;
import io.pgcarry.backup.RestoreRequest;
import io.pgcarry.backup.RestoreResult;
import io.pgcarry.backup.SigningKey;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pgcarry restore}: an archive (or a pg_dump SQL file) into a database, verified before and validated after. */
@Command(name = "restore", mixinStandardHelpOptions = true, description = {
        "Restore an archive into an empty database, verified before and validated after.",
        "Every checksum is verified before the target is touched; data loads in parallel; afterwards every table is",
        "validated against the archive's row counts and content hashes.",
        "ARCHIVE may be a directory of archives (the newest is restored) or a plain pg_dump SQL file.",
        "A restore that stopped half-way is repaired by running it again with --clean.",
        "An archive is refused when it holds a statement pgcarry does not write; --sign-key-file also checks who wrote it."})
final class RestoreCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "Archive directory, .pgcarry file, directory of archives, or .sql file.")
    Path archive;

    @Mixin
    ToOptions to;
    @Mixin
    ConnectionOptions connection;

    @Mixin
    JobsOption jobs;

    @Option(names = "--smoke", paramLabel = "FILE",
            description = "SQL file of queries that must succeed afterwards; '-- expect: N rows' before one makes it return N rows.")
    Path smoke;

    @Option(names = "--clean", description = "First remove from the target exactly the objects the archive contains.")
    boolean clean;

    @Option(names = "--sign-key-file", paramLabel = "FILE",
            description = "Require the archive to be signed with the key in FILE (see backup --sign-key-file).")
    Path signKeyFile;

    @Option(names = "--allow-program", description = "Run COPY ... PROGRAM statements of a plain SQL file (refused by default).")
    boolean allowProgram;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the result as JSON.")
    Path report;

    @Override
    public Integer call() {
        ConnectionSpec target = connection.target(to);
        RestoreRequest request = new RestoreRequest(archive, target, jobs.resolve(target), smoke, clean,
                signKeyFile == null ? null : SigningKey.read(signKeyFile), allowProgram);
        ProgressPrinter progress = new ProgressPrinter(console(), jobs.note());
        try {
            RestoreResult result = new BackupRestore(connection.connector()).run(request, progress);
            progress.finished();
            result.warnings().forEach(console()::warn);
            ReportFile.write(report, result);
            return console().finish(result, BackupReports.restore(result), result.passed() ? ExitCodes.OK : ExitCodes.PROBLEMS_FOUND);
        } finally {
            progress.finished();
        }
    }
}
