package io.pgcarry.migrate;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A directory found to be laid out as one tool lays out its migrations.
 *
 * @param directory the directory holding the migrations (the one the tool reads, under the directory given)
 * @param evidence  what gave it away, for the report: {@code meta/_journal.json}
 */
public record Layout(Path directory, String evidence) {
    public Layout {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(evidence, "evidence");
    }
}
