package io.pgcarry.migrate.tools;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.migrate.FileChecksum;
import io.pgcarry.migrate.Layout;
import io.pgcarry.migrate.LedgerEntry;
import io.pgcarry.migrate.LedgerTable;
import io.pgcarry.migrate.LocalMigration;
import io.pgcarry.migrate.MigrationTool;
import io.pgcarry.migrate.OrderPolicy;
import io.pgcarry.migrate.ToolSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A plain SQL directory ({@code 001_create_users.sql}, {@code 002_add_index.sql}...) under pgcarry's own ledger
 * ({@link PgcarryLedger}). Versions are the numbers as written; the checksum is the SHA-256 of the file's bytes. Files
 * marked for dbmate or goose, Liquibase's formatted SQL, golang-migrate's {@code .up.sql}/{@code .down.sql}, Drizzle's
 * (beside {@code meta/_journal.json}) and Atlas's (beside {@code atlas.sum}) are theirs, not plain SQL.
 */
final class PgcarrySupport implements ToolSupport {
    static final Pattern FILE = Pattern.compile("(\\d+)_(.+)\\.sql");
    private static final List<String> PLACES = List.of("migrations");

    @Override
    public MigrationTool tool() {
        return MigrationTool.PGCARRY;
    }

    @Override
    public Optional<Layout> detect(Path dir) {
        return MigrationFiles.firstPlace(dir, PLACES, d -> plain(d))
                .map(d -> new Layout(d, NumberedFile.in(d, FILE).size() + " <number>_<name>.sql files"));
    }

    /** Numbered SQL files, none of them another tool's, and no Drizzle journal or Atlas sum file beside them. */
    private static boolean plain(Path dir) {
        List<NumberedFile> files = NumberedFile.in(dir, FILE);
        return !files.isEmpty() && !Files.exists(dir.resolve(DrizzleSupport.JOURNAL)) && !Files.exists(dir.resolve("atlas.sum"))
                && files.stream().noneMatch(PgcarrySupport::anotherTools);
    }

    private static boolean anotherTools(NumberedFile f) {
        return f.fileName().endsWith(".up.sql") || f.fileName().endsWith(".down.sql")
                || MigrationFiles.startsWithMarker(f.path(), DbmateSupport.MARKER)
                || MigrationFiles.startsWithMarker(f.path(), GooseSupport.MARKER)
                || LiquibaseChangelogs.isFormattedSql(f.path());
    }

    @Override
    public Path locate(Path dir) {
        return MigrationFiles.firstPlace(dir, PLACES, d -> !NumberedFile.in(d, FILE).isEmpty()).orElse(dir);
    }

    @Override
    public List<LedgerTable> ledgerTables() {
        return List.of(PgcarryLedger.LEDGER);
    }

    @Override
    public OrderPolicy orderPolicy() {
        return OrderPolicy.SET_BASED;
    }

    @Override
    public String lateNote() {
        return "pgcarry migrate apply runs it after newer ones";
    }

    @Override
    public List<LocalMigration> readDirectory(Path directory) {
        return NumberedFile.in(directory, FILE).stream().map(f -> {
            byte[] bytes = MigrationFiles.read(f.path());
            String lf = FileHashes.sha256Hex(FileHashes.lf(bytes));
            FileChecksum checksum = FileChecksum.of(FileHashes.sha256Hex(bytes), lf, FileHashes.sha256Hex(FileHashes.crlf(bytes)));
            return new LocalMigration(f.digits(), f.digits(), f.name(), List.of(f.fileName()), f.order(), checksum, lf);
        }).toList();
    }

    @Override
    public List<LedgerEntry> readLedger(Connection connection, QualifiedName table, List<LocalMigration> local)
            throws SQLException {
        return PgcarryLedger.read(connection, table);
    }
}
