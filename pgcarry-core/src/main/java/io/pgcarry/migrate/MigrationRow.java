package io.pgcarry.migrate;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One line of {@code migrate status}: one migration, where it stands and why.
 *
 * @param version          the version as the tool shows it
 * @param name             its name or description
 * @param state            where it stands
 * @param note             why, when there is more to say than the state ({@code checksum a1b2c3d4… recorded, file has ...});
 *                         or null
 * @param appliedAt        when the ledger says it was applied or started, or null
 * @param file             its file relative to the migration directory, or null when there is none
 * @param recordedChecksum the checksum the ledger recorded, or null
 * @param fileChecksum     the tool's checksum of the file as it is, or null
 */
public record MigrationRow(String version, String name, MigrationState state, String note, OffsetDateTime appliedAt,
                           String file, String recordedChecksum, String fileChecksum) {
    public MigrationRow {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
    }
}
