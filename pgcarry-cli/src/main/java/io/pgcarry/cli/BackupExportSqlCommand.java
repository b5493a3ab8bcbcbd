package io.pgcarry.cli;

import io.pgcarry.backup.Archive;
import io.pgcarry.backup.SqlExport;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pgcarry backup export-sql}: an archive as one plain SQL file for psql, so an archive never locks anyone in. */
@Command(name = "export-sql", mixinStandardHelpOptions = true, description = {
        "Write an archive as one plain SQL file that psql restores without pgcarry (schema, COPY data, sequences).",
        "The archive is verified first. Output goes to stdout unless --output is given."})
final class BackupExportSqlCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "An archive directory or .pgcarry file.")
    Path archive;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path output;

    @Override
    public Integer call() {
        try (Archive opened = Archive.open(archive);
             OutputStream out = new BufferedOutputStream(output == null ? new FileOutputStream(FileDescriptor.out) {
                 @Override
                 public void close() throws IOException {
                     flush();
                 }
             } : Files.newOutputStream(output), 1 << 16)) {
            SqlExport.write(opened, out);
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot write " + (output == null ? "stdout" : output) + ": " + e.getMessage(), e);
        }
        return ExitCodes.OK;
    }
}
