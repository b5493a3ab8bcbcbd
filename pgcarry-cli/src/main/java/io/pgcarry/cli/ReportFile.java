package io.pgcarry.cli;

import io.pgcarry.error.PgCarryException;
import io.pgcarry.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a result as JSON to the file of {@code --report}; written exactly as printed. */
final class ReportFile {
    private ReportFile() {
    }

    static void write(Path file, Object result) {
        if (file == null) {
            return;
        }
        try {
            Files.writeString(file, Console.toJson(result) + "\n");
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot write report " + file + ": " + e.getMessage(), e);
        }
    }
}
