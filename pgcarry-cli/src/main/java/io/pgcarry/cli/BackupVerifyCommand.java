package io.pgcarry.cli;

import io.pgcarry.backup.Archive;
import io.pgcarry.backup.ArchiveShelf;
import io.pgcarry.backup.ArchiveVerifier;
import io.pgcarry.backup.SigningKey;
import io.pgcarry.backup.Verification;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pgcarry backup verify}: every checksum of an archive, without a database. */
@Command(name = "verify", mixinStandardHelpOptions = true, description = {
        "Check an archive without a database.",
        "First the manifest's own checksum, then every data file (present, full size, same SHA-256), and no file the",
        "manifest does not list; that the manifest agrees with itself and holds only statements pgcarry writes.",
        "With --sign-key-file, the archive must be signed with that key. Exit 1 names each problem."})
final class BackupVerifyCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "An archive directory or .pgcarry file.")
    Path archive;

    @Option(names = "--deep", description = "Also decompress every data file and check its rows against the manifest.")
    boolean deep;

    @Option(names = "--sign-key-file", paramLabel = "FILE",
            description = "Require the archive to be signed with the key in FILE (see backup --sign-key-file).")
    Path signKeyFile;

    @Override
    public Integer call() {
        SigningKey key = signKeyFile == null ? null : SigningKey.read(signKeyFile);
        Verification result;
        try (Archive opened = Archive.open(archive)) {
            result = ArchiveVerifier.verify(opened, deep, key);
        }
        ArchiveShelf.record(result);
        return console().finish(result, BackupReports.verification(result), result.passed() ? ExitCodes.OK : ExitCodes.PROBLEMS_FOUND);
    }
}
