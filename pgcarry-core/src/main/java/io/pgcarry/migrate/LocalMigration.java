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
 * @param checksum the tool's checksum of the file, or null when the tool keeps none (or pgcarry cannot recompute it)
 * @param lfChecksum the SHA-256 of the content with LF line endings, for ledgers that record it (pgcarry's); or null
 * @param rerunsWhenChanged whether the tool runs it again whenever its checksum changes (Liquibase's
 *                 {@code runOnChange}), so that a changed checksum makes it pending rather than modified
 * @param note     what the file itself gives to say, in the tool's terms, shown on its row whatever its state
 *                 ({@code graphile-migrate refuses a file with CRLF line endings}); or null
 */
public record LocalMigration(String id, String version, String name, List<String> files, VersionKey order,
                             FileChecksum checksum, String lfChecksum, boolean rerunsWhenChanged, String note) {
    public LocalMigration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(order, "order");
        files = List.copyOf(files);
    }

    /** A migration the tool runs once, with nothing more to say about its file. */
    public LocalMigration(String id, String version, String name, List<String> files, VersionKey order,
                          FileChecksum checksum, String lfChecksum) {
        this(id, version, name, files, order, checksum, lfChecksum, false, null);
    }

    /** A migration without checksums (dbmate, golang-migrate, goose, Rails keep none). */
    public static LocalMigration unchecked(String id, String version, String name, String file, VersionKey order) {
        return new LocalMigration(id, version, name, List.of(file), order, null, null);
    }
}
