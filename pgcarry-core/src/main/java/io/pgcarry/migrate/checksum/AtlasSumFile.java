package io.pgcarry.migrate.checksum;

import io.pgcarry.error.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An Atlas migration directory's integrity file {@code atlas.sum}: a first line {@code h1:<total>}, then one line
 * {@code <file name> h1:<hash>} per migration file in name order, each line ending in LF. Hashes are standard Base64
 * of SHA-256 digests (see {@link AtlasChecksum}); they are kept here without their {@code h1:} prefix, as Atlas keeps
 * them and writes them to {@code atlas_schema_revisions.hash}.
 *
 * <p>Read as {@code sql/migrate/dir.go}'s {@code HashFile.UnmarshalText} reads it: lines split by
 * {@code bufio.Scanner} (a CR before the LF dropped), the first line's {@code h1:} prefix removed, every other line
 * split at its first {@code h1:} with the name trimmed; any other line is a format error.
 */
public record AtlasSumFile(String total, List<Entry> entries) {
    /** The name of the file in a migration directory. */
    public static final String FILE_NAME = "atlas.sum";

    public AtlasSumFile {
        Objects.requireNonNull(total, "total");
        entries = List.copyOf(entries);
    }

    /** One migration file's line: its name and its chained hash. */
    public record Entry(String name, String hash) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(hash, "hash");
        }
    }

    /** Reads the text of an {@code atlas.sum} file. */
    public static AtlasSumFile parse(String text) {
        List<String> lines = scanLines(text);
        if (lines.isEmpty()) {
            throw new ConfigurationException(FILE_NAME + " is empty");
        }
        String first = lines.get(0);
        String total = first.startsWith("h1:") ? first.substring(3) : first;
        List<Entry> entries = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int at = line.indexOf("h1:");
            if (at < 0) {
                throw new ConfigurationException(FILE_NAME + " line " + (i + 1) + " has no 'h1:' hash");
            }
            entries.add(new Entry(line.substring(0, at).strip(), line.substring(at + 3)));
        }
        return new AtlasSumFile(total, entries);
    }

    /** The file's text, byte for byte as Atlas writes it ({@code HashFile.MarshalText}). */
    public String format() {
        StringBuilder text = new StringBuilder("h1:").append(total).append('\n');
        for (Entry entry : entries) {
            text.append(entry.name()).append(" h1:").append(entry.hash()).append('\n');
        }
        return text.toString();
    }

    /** The hash recorded for a file name. */
    public Optional<String> hashOf(String name) {
        return entries.stream().filter(entry -> entry.name().equals(name)).map(Entry::hash).findFirst();
    }

    /** Whether the first line is the total of the other lines: Atlas refuses a sum file whose total is not. */
    public boolean isConsistent() {
        return total.equals(AtlasChecksum.total(entries));
    }

    /** Lines as Go's {@code bufio.ScanLines} yields them: split at LF, one trailing CR dropped, no empty last line. */
    private static List<String> scanLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            String line = end < 0 ? text.substring(start) : text.substring(start, end);
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            start = end < 0 ? text.length() : end + 1;
        }
        return lines;
    }
}
