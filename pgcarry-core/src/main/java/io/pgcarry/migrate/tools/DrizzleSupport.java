package io.pgcarry.migrate.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.migrate.FileChecksum;
import io.pgcarry.migrate.Layout;
import io.pgcarry.migrate.LedgerEntry;
import io.pgcarry.migrate.LedgerTable;
import io.pgcarry.migrate.LocalMigration;
import io.pgcarry.migrate.MigrationTool;
import io.pgcarry.migrate.OrderPolicy;
import io.pgcarry.migrate.ToolSupport;
import io.pgcarry.migrate.VersionKey;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drizzle (drizzle-kit and drizzle-orm's migrator): {@code meta/_journal.json} lists the migrations in order, each
 * entry's {@code tag} naming {@code <tag>.sql} and its {@code when} (milliseconds) dating it. The ledger
 * {@code drizzle.__drizzle_migrations} (older versions: {@code public.__drizzle_migrations}) holds one row per applied
 * migration: {@code hash}, the SHA-256 hex of the file's text (current versions make CRLF LF first, older ones hashed
 * it as it was), and {@code created_at}, the entry's {@code when}. Drizzle never reads the hash back; it applies only
 * the entries whose {@code when} is after the greatest {@code created_at}, so an older entry is skipped for good.
 * All pending migrations run in one transaction: a failure leaves no row.
 */
final class DrizzleSupport implements ToolSupport {
    static final String JOURNAL = "meta/_journal.json";
    private static final List<String> PLACES = List.of("drizzle", "migrations");
    private static final String ROWS = "SELECT id, hash, created_at::pg_catalog.numeric FROM %s ORDER BY id";

    @Override
    public MigrationTool tool() {
        return MigrationTool.DRIZZLE;
    }

    @Override
    public Optional<Layout> detect(Path dir) {
        return MigrationFiles.firstPlace(dir, PLACES, d -> Files.isRegularFile(d.resolve(JOURNAL))).map(d -> new Layout(d, JOURNAL));
    }

    @Override
    public Path locate(Path dir) {
        return detect(dir).map(Layout::directory).orElse(dir);
    }

    @Override
    public List<LedgerTable> ledgerTables() {
        List<String> columns = List.of("id", "hash", "created_at");
        return List.of(new LedgerTable("drizzle", "__drizzle_migrations", columns, List.of()),
                new LedgerTable("public", "__drizzle_migrations", columns, List.of()));
    }

    @Override
    public OrderPolicy orderPolicy() {
        return OrderPolicy.HIGH_WATER_MARK;
    }

    @Override
    public String lateNote() {
        return "drizzle skips it for good: its journal 'when' is not after the last applied created_at";
    }

    @Override
    public List<LocalMigration> readDirectory(Path directory) {
        List<LocalMigration> migrations = new ArrayList<>();
        for (JsonNode entry : journal(directory)) {
            String tag = entry.path("tag").asText("");
            JsonNode when = entry.path("when");
            if (tag.isEmpty() || !when.canConvertToLong()) {
                throw new ConfigurationException(directory.resolve(JOURNAL) + " has an entry without a tag or a numeric when");
            }
            Path file = directory.resolve(tag + ".sql");
            if (!Files.isRegularFile(file)) {
                throw new ConfigurationException("drizzle's journal lists " + tag + " but " + file + " does not exist; "
                        + "drizzle refuses to migrate so too");
            }
            int cut = tag.indexOf('_');
            migrations.add(new LocalMigration(String.valueOf(when.asLong()), cut > 0 ? tag.substring(0, cut) : tag, tag,
                    List.of(tag + ".sql"), VersionKey.number(BigInteger.valueOf(when.asLong()), tag),
                    checksum(MigrationFiles.read(file)), null));
        }
        return migrations;
    }

    private static JsonNode journal(Path directory) {
        Path journal = directory.resolve(JOURNAL);
        try {
            JsonNode entries = new ObjectMapper().readTree(journal.toFile()).path("entries");
            if (!entries.isArray()) {
                throw new ConfigurationException(journal + " has no list of entries");
            }
            return entries;
        } catch (IOException e) {
            throw new ConfigurationException("cannot read drizzle's journal " + journal + ": " + e.getMessage(), e);
        }
    }

    /** SHA-256 hex of the text with CRLF made LF (as drizzle hashes now), then of the raw text (as it hashed before). */
    static FileChecksum checksum(byte[] file) {
        String lf = FileHashes.sha256Hex(FileHashes.lf(file));
        return new FileChecksum(List.of(lf, FileHashes.sha256Hex(file)), List.of(lf),
                List.of(FileHashes.sha256Hex(FileHashes.crlf(file))));
    }

    @Override
    public List<LedgerEntry> readLedger(Connection connection, QualifiedName table, List<LocalMigration> local)
            throws SQLException {
        Map<String, LedgerEntry> entries = new LinkedHashMap<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(ROWS.formatted(table.sql()))) {
            while (rs.next()) {
                BigDecimal createdAt = rs.getBigDecimal(3);
                String id = createdAt == null ? "row " + rs.getLong(1) : createdAt.toBigInteger().toString();
                VersionKey order = VersionKey.number(createdAt == null ? BigInteger.ZERO : createdAt.toBigInteger(), "");
                LedgerEntry entry = new LedgerEntry(id, "when " + id, null, order, LedgerEntry.Outcome.APPLIED,
                        rs.getString(2), null, null, null);
                LedgerEntry first = entries.putIfAbsent(id, entry);
                if (first != null) {
                    // two rows for one journal entry: two journals share the ledger, or it was inserted by hand
                    entries.put(id, first.withNote("recorded more than once"));
                }
            }
        }
        return List.copyOf(entries.values());
    }
}
