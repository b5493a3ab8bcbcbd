package io.pgcarry.migrate;

import java.util.List;
import java.util.Objects;

/**
 * One migration as the directory holds it.
 *
 * @param id       what matches it with its ledger entry, in the form the tool's {@link ToolSupport} gives both (a
 *                 normalised version, a directory name, a journal timestamp)
 * @param version  the version as shown to people ({@code 20240102103000}, {@code 1.2}, {@code 0003})
 * @param name     its name or description
 * @param files    its file or files, relative to the migration directory, with {@code /} separators
 * @param order    where the tool runs it
 * @param checksum the tool's checksum of the file, or null when the tool keeps none
 * @param lfChecksum the SHA-256 of the content with LF line endings, for ledgers that record it (pgcarry's); or null
 */
public record LocalMigration(String id, String version, String name, List<String> files, VersionKey order,
                             FileChecksum checksum, String lfChecksum) {
    public LocalMigration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(order, "order");
        files = List.copyOf(files);
    }

    /** A migration without checksums (dbmate, golang-migrate, goose, Rails keep none). */
    public static LocalMigration unchecked(String id, String version, String name, String file, VersionKey order) {
        return new LocalMigration(id, version, name, List.of(file), order, null, null);
    }
}
