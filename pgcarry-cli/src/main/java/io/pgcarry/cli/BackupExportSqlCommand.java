package io.pgcarry.cli;

import io.pgcarry.backup.Archive;
import io.pgcarry.backup.SqlExport;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pgcarry backup export-sql}: an archive as one plain SQL file for psql, so an archive never locks anyone in. */
@Command(name = "export-sql", mixinStandardHelpOptions = true, description = {
        "Write an archive as one plain SQL file that psql restores without pgcarry (schema, COPY data, sequences).",
        "The archive is verified first. Output goes to stdout unless --output is given (which --json needs)."})
final class BackupExportSqlCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "ARCHIVE", description = "An archive directory or .pgcarry file.")
    Path archive;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path output;

    @Override
    public Integer call() {
        if (console().json() && output == null) {
            // The SQL would share stdout with the one JSON result, and neither could be read.
            throw new ConfigurationException("with --json, give --output FILE: the SQL cannot go to stdout beside the JSON result "
                    + "(nothing was exported)");
        }
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
        if (!console().json()) {
            return ExitCodes.OK;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("archive", archive);
        result.put("output", output);
        result.put("bytes", output.toFile().length());
        return console().finish(result, null, ExitCodes.OK);
    }
}
