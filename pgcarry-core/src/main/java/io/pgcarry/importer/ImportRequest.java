package io.pgcarry.importer;

import io.pgcarry.connect.ConnectionSpec;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An import, a dry run of one, or a parity check of one.
 *
 * @param target          the database written
 * @param mapping         the mapping file
 * @param allowRejects    how many records may be rejected and left out while the others go in (0: all or none)
 * @param errors          where rejected records go as NDJSON with their reason, or null
 * @param expectSnapshot  a dry run's report whose input hashes the files must still have, or null
 * @param maxDiffs        how many differences parity lists (it counts them all)
 */
public record ImportRequest(ConnectionSpec target, Path mapping, long allowRejects, Path errors, Path expectSnapshot, int maxDiffs) {
    public static final int DEFAULT_MAX_DIFFS = 1000;

    public ImportRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mapping, "mapping");
        if (allowRejects < 0) {
            throw new IllegalArgumentException("allowRejects must not be negative");
        }
    }
}
