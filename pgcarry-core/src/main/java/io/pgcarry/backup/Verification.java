package io.pgcarry.backup;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of checking an archive.
 *
 * @param archive  the archive checked
 * @param deep     whether data files were also decompressed and their rows counted
 * @param problems each problem found, naming the file at fault; empty when the archive is intact
 * @param files    data files checked
 * @param bytes    bytes read
 * @param rows     rows counted (deep only)
 * @param manifest the manifest, when it could be trusted; null otherwise
 * @param seconds  time taken
 * @param origin   one line on the archive's origin: signed and matching, refused, or not checked
 */
public record Verification(Path archive, boolean deep, List<String> problems, int files, long bytes, long rows,
                           @com.fasterxml.jackson.annotation.JsonIgnore Manifest manifest, double seconds, String origin) {
    public Verification {
        problems = List.copyOf(problems);
    }

    public boolean passed() {
        return problems.isEmpty();
    }
}
