package io.pgcarry.cli;

import io.pgcarry.backup.Archive;
import io.pgcarry.backup.ArchiveShelf;
import io.pgcarry.backup.ArchiveVerifier;
import io.pgcarry.backup.Verification;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pgcarry backup verify}: every checksum of an archive, without a database. */
@Command(name = "verify", mixinStandardHelpOptions = true, description = {
        "Check an archive without a database.",
        "First the manifest's own checksum, then every data file (present, full size, same SHA-256), and no file the",
        "manifest does not list. Exit 1 names each file at fault."})
final class BackupVerifyCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "An archive directory or .pgcarry file.")
    Path archive;

    @Option(names = "--deep", description = "Also decompress every data file and check its rows against the manifest.")
    boolean deep;

    @Override
    public Integer call() {
        Verification result;
        try (Archive opened = Archive.open(archive)) {
            result = ArchiveVerifier.verify(opened, deep);
        }
        ArchiveShelf.record(result);
        console().result(result, BackupReports.verification(result));
        return result.passed() ? ExitCodes.OK : ExitCodes.PROBLEMS_FOUND;
    }
}
