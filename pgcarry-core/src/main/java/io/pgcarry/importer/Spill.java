package io.pgcarry.importer;

import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Converted rows on local disk, one file per target table in COPY's text form, each line ending with its record's
 * ordinal and path: a record's rows go to several tables while one connection can run one COPY at a time, so they wait
 * here, and memory holds one record whatever the store's size. Deleted on close; the directory's name carries the
 * process id, so that the spill of an import killed outright (as large as its store) is deleted by the next import.
 */
final class Spill implements AutoCloseable {
    static final String PREFIX = "pgcarry-import-";

    private final Path dir;
    private final Map<Integer, Writer> rows = new HashMap<>();
    private final Writer ids;

    Spill() {
        try {
            sweepOrphans();
            dir = Files.createTempDirectory(PREFIX + ProcessHandle.current().pid() + "-");
            ids = writer(dir.resolve("ids"));
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot make a working directory for the import: " + e.getMessage(), e);
        }
    }

    void add(RecordConverter.Converted converted, long ordinal) {
        try {
            for (RecordConverter.Row row : converted.rows()) {
                Writer w = rows.computeIfAbsent(row.target().number(), n -> writer(file(n)));
                StringBuilder line = new StringBuilder(128);
                for (String value : row.values()) {
                    CopyText.append(line, value).append('\t');
                }
                line.append(ordinal).append('\t');
                CopyText.append(line, row.path()).append('\t');
                CopyText.append(line, row.sourceId()).append('\t');
                CopyText.append(line, row.parentSourceId()).append('\n');
                w.write(line.toString());
            }
            for (RecordConverter.Id id : converted.ids()) {
                StringBuilder line = new StringBuilder(96);
                CopyText.append(line, id.collection()).append('\t');
                CopyText.append(line, id.sourceId()).append('\t');
                CopyText.append(line, id.key()).append('\t');
                CopyText.append(line, id.sha256()).append('\t').append(ordinal).append('\n');
                ids.write(line.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the spills of imports whose process is gone; one this process may not delete is left as it is. */
    private static void sweepOrphans() {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        try (var entries = Files.newDirectoryStream(temp, PREFIX + "*-*")) {
            for (Path orphan : entries) {
                String pid = orphan.getFileName().toString().substring(PREFIX.length()).replaceFirst("-.*", "");
                if (pid.matches("\\d{1,18}") && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
                    delete(orphan);
                }
            }
        } catch (IOException | RuntimeException e) {
            // another user's directory, or one going away meanwhile: not this import's to clean
        }
    }

    private static void delete(Path orphan) throws IOException {
        try (var files = Files.list(orphan)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(orphan);
    }

    /** Flushes every file; returns the rows file of a target (which may not exist: no rows). */
    void flush() {
        try {
            for (Writer w : rows.values()) {
                w.flush();
            }
            ids.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path file(int target) {
        return dir.resolve("t" + target);
    }

    Path ids() {
        return dir.resolve("ids");
    }

    private static Writer writer(Path file) {
        try {
            return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            for (Writer w : rows.values()) {
                w.close();
            }
            ids.close();
            delete(dir);
        } catch (IOException e) {
            // a leftover temporary file is no reason to fail an import that is done
        }
    }

}
