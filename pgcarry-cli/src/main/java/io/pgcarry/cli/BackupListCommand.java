package io.pgcarry.cli;

import io.pgcarry.backup.ArchiveShelf;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pgcarry backup list}: the archives of a directory, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the archives of a directory, newest first: time, database, size, tables, rows and the last verification.")
final class BackupListCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "DIR", description = "A directory written by pgcarry backup --out.")
    Path directory;

    @Override
    public Integer call() {
        List<ArchiveShelf.Entry> entries = ArchiveShelf.list(directory);
        return console().finish(entries, BackupReports.list(entries), ExitCodes.OK);
    }
}
