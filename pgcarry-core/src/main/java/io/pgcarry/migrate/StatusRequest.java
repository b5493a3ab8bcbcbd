package io.pgcarry.migrate;

import io.pgcarry.connect.ConnectionSpec;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code migrate status} is asked.
 *
 * @param target       the database whose ledger is read
 * @param directory    the migration directory, or a project directory holding it in the tool's usual place
 * @param tool         the tool, or null to detect it
 * @param ledgerSchema the schema holding the ledger, or null for the tool's default (then {@code public} first)
 */
public record StatusRequest(ConnectionSpec target, Path directory, MigrationTool tool, String ledgerSchema) {
    public StatusRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(directory, "directory");
        if (ledgerSchema != null && ledgerSchema.isBlank()) {
            throw new IllegalArgumentException("ledger schema must not be blank");
        }
    }
}
