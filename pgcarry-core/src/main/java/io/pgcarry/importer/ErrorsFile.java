package io.pgcarry.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code --errors FILE.ndjson}: one line per rejected record, with where it is, the check's code, the reason and the
 * record itself, so it can be fixed and imported again. The records are read once more for it, only when some are
 * rejected (the pass before kept none of them in memory). An empty file means none.
 */
final class ErrorsFile {
    private ErrorsFile() {
    }

    static void write(Path file, ReadPass pass, List<Target> targets, Path base) {
        if (file == null) {
            return;
        }
        Map<Long, Rejection> rejected = pass.rejections();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            long[] ordinal = {0};
            for (Target t : targets) {
                if (rejected.isEmpty()) {
                    break;
                }
                RecordSource.read(t.collection(), base, record -> {
                    Rejection r = rejected.get(ordinal[0]++);
                    if (r != null) {
                        line(out, r, record);
                    }
                });
            }
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot write errors file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void line(BufferedWriter out, Rejection r, SourceRecord record) {
        ObjectNode line = RecordSource.JSON.createObjectNode();
        line.put("file", r.file()).put("record", r.record()).put("path", r.path()).put("code", r.code().name())
                .put("object", r.object()).put("reason", r.reason());
        line.set("data", record.record());
        try {
            out.write(line.toString());
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
