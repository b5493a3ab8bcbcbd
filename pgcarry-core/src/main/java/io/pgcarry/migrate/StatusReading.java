package io.pgcarry.migrate;

import io.pgcarry.catalog.QualifiedName;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code migrate status} read, kept whole for the commands that act on it ({@code migrate apply}): the tool's
 * support, the migrations on disk with their checksums, the ledger table and the status rows.
 *
 * @param support   the chosen tool's support
 * @param directory the migration directory read
 * @param local     the migrations on disk, as {@link ToolSupport#readDirectory} read them
 * @param ledger    the ledger table, or empty when the tool never ran here
 * @param status    the status computed from them
 */
public record StatusReading(ToolSupport support, Path directory, List<LocalMigration> local, Optional<QualifiedName> ledger,
                            MigrationStatus status) {
    public StatusReading {
        Objects.requireNonNull(support, "support");
        Objects.requireNonNull(directory, "directory");
        local = List.copyOf(local);
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(status, "status");
    }
}
