package io.pgcarry.migrate.tools;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.migrate.FileChecksum;
import io.pgcarry.migrate.Layout;
import io.pgcarry.migrate.LedgerEntry;
import io.pgcarry.migrate.LedgerEntry.Outcome;
import io.pgcarry.migrate.LedgerTable;
import io.pgcarry.migrate.LocalMigration;
import io.pgcarry.migrate.MigrationTool;
import io.pgcarry.migrate.OrderPolicy;
import io.pgcarry.migrate.ToolSupport;
import io.pgcarry.migrate.VersionKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prisma Migrate: {@code prisma/migrations/<timestamp>_<name>/migration.sql} beside {@code migration_lock.toml}, and the
 * ledger {@code _prisma_migrations}. Its checksum is the SHA-256 of {@code migration.sql} in hex (unpadded hex in
 * ledgers written by old engines); Prisma itself accepts the file with CRLF or LF line endings. A row whose
 * {@code finished_at} is NULL and {@code rolled_back_at} NULL is a failed migration ({@code migrate deploy} stops at it);
 * a row with {@code rolled_back_at} set no longer counts, so a migration with only such rows runs again.
 */
final class PrismaSupport implements ToolSupport {
    private static final String LOCK = "migration_lock.toml";
    private static final String SCRIPT = "migration.sql";
    private static final List<String> PLACES = List.of("migrations", "prisma/migrations");
    private static final String ROWS = """
            SELECT migration_name, checksum, started_at, finished_at, rolled_back_at, logs, applied_steps_count
              FROM %s ORDER BY started_at, id""";

    @Override
    public MigrationTool tool() {
        return MigrationTool.PRISMA;
    }

    @Override
    public Optional<Layout> detect(Path dir) {
        return MigrationFiles.firstPlace(dir, PLACES, d -> Files.isRegularFile(d.resolve(LOCK)) && scripts(d) > 0)
                .map(d -> new Layout(d, LOCK + " and " + scripts(d) + " */" + SCRIPT));
    }

    @Override
    public Path locate(Path dir) {
        return MigrationFiles.firstPlace(dir, PLACES, d -> Files.isRegularFile(d.resolve(LOCK)) || scripts(d) > 0).orElse(dir);
    }

    private static long scripts(Path dir) {
        return MigrationFiles.directories(dir).stream().filter(d -> Files.isRegularFile(d.resolve(SCRIPT))).count();
    }

    @Override
    public List<LedgerTable> ledgerTables() {
        return List.of(LedgerTable.anySchema("_prisma_migrations", "id", "checksum", "finished_at", "migration_name", "logs",
                "rolled_back_at", "started_at", "applied_steps_count"));
    }

    @Override
    public OrderPolicy orderPolicy() {
        return OrderPolicy.SET_BASED;
    }

    @Override
    public String lateNote() {
        return "prisma migrate deploy applies it after newer ones";
    }

    @Override
    public List<LocalMigration> readDirectory(Path directory) {
        List<LocalMigration> migrations = new ArrayList<>();
        for (Path dir : MigrationFiles.directories(directory)) {
            Path script = dir.resolve(SCRIPT);
            if (Files.isRegularFile(script)) {
                String folder = dir.getFileName().toString();
                migrations.add(new LocalMigration(folder, version(folder), name(folder), List.of(folder + "/" + SCRIPT),
                        VersionKey.text(folder), checksum(MigrationFiles.read(script)), null));
            }
        }
        return migrations;
    }

    /** SHA-256 in hex, padded as Prisma writes it now and unpadded as it once did, of each line-ending form. */
    static FileChecksum checksum(byte[] file) {
        byte[] lf = FileHashes.lf(file);
        byte[] crlf = FileHashes.crlf(file);
        return new FileChecksum(List.of(FileHashes.sha256Hex(file), FileHashes.sha256HexUnpadded(file)),
                List.of(FileHashes.sha256Hex(lf), FileHashes.sha256HexUnpadded(lf)),
                List.of(FileHashes.sha256Hex(crlf), FileHashes.sha256HexUnpadded(crlf)));
    }

    @Override
    public List<LedgerEntry> readLedger(Connection connection, QualifiedName table, List<LocalMigration> local)
            throws SQLException {
        Map<String, List<Row>> byName = new LinkedHashMap<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(ROWS.formatted(table.sql()))) {
            while (rs.next()) {
                Row row = new Row(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class),
                        rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class), rs.getString(6), rs.getInt(7));
                byName.computeIfAbsent(row.name(), n -> new ArrayList<>()).add(row);
            }
        }
        return byName.values().stream().map(PrismaSupport::entry).toList();
    }

    /** One migration's rows as Prisma reads them: a failed row wins, then the last finished one; rolled-back rows last. */
    private static LedgerEntry entry(List<Row> rows) {
        List<Row> live = rows.stream().filter(r -> r.rolledBackAt() == null).toList();
        Optional<Row> failed = live.stream().filter(r -> r.finishedAt() == null).reduce((a, b) -> b);
        Optional<Row> finished = live.stream().filter(r -> r.finishedAt() != null).reduce((a, b) -> b);
        if (failed.isPresent()) {
            Row r = failed.get();
            return entry(r, Outcome.FAILED, "finished_at is NULL, " + r.steps() + " steps applied" + firstLine(r.logs()));
        }
        if (finished.isPresent()) {
            return entry(finished.get(), Outcome.APPLIED, null);
        }
        Row last = rows.get(rows.size() - 1);
        return entry(last, Outcome.ROLLED_BACK, "rolled_back_at " + last.rolledBackAt());
    }

    private static LedgerEntry entry(Row r, Outcome outcome, String note) {
        return new LedgerEntry(r.name(), version(r.name()), name(r.name()), VersionKey.text(r.name()), outcome, r.checksum(),
                null, r.startedAt(), note);
    }

    /** The timestamp of a folder named {@code <timestamp>_<name>}, as Prisma names them; the whole name otherwise. */
    private static String version(String folder) {
        int cut = folder.indexOf('_');
        return cut > 0 && folder.substring(0, cut).chars().allMatch(Character::isDigit) ? folder.substring(0, cut) : folder;
    }

    private static String name(String folder) {
        String version = version(folder);
        return version.equals(folder) ? folder : folder.substring(version.length() + 1);
    }

    private static String firstLine(String logs) {
        if (logs == null || logs.isBlank()) {
            return "";
        }
        String line = logs.strip().lines().findFirst().orElse("");
        return "; logs: " + (line.length() > 160 ? line.substring(0, 160) + "…" : line);
    }

    private record Row(String name, String checksum, OffsetDateTime startedAt, OffsetDateTime finishedAt,
                       OffsetDateTime rolledBackAt, String logs, int steps) {
    }
}
