package io.pgcarry.migrate.tools;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.migrate.Layout;
import io.pgcarry.migrate.LedgerEntry;
import io.pgcarry.migrate.LedgerTable;
import io.pgcarry.migrate.LocalMigration;
import io.pgcarry.migrate.MigrationTool;
import io.pgcarry.migrate.OrderPolicy;
import io.pgcarry.migrate.ToolSupport;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * dbmate: {@code db/migrations/<version>_<name>.sql} files holding {@code -- migrate:up} and {@code -- migrate:down}
 * sections, and the ledger {@code schema_migrations(version varchar(128) primary key)}, which records the version text
 * and nothing else: no checksum, no time. {@code dbmate up} applies every file missing from it, older ones too (unless
 * {@code --strict}). Each file runs in a transaction (unless marked {@code transaction:false}): a failure leaves no row.
 */
final class DbmateSupport implements ToolSupport {
    static final Pattern FILE = Pattern.compile("(\\d+)_(.*)\\.sql");
    static final String MARKER = "-- migrate:up";
    private static final List<String> PLACES = List.of("db/migrations");

    @Override
    public MigrationTool tool() {
        return MigrationTool.DBMATE;
    }

    @Override
    public Optional<Layout> detect(Path dir) {
        return MigrationFiles.firstPlace(dir, PLACES, d -> marked(d) > 0)
                .map(d -> new Layout(d, marked(d) + " <version>_<name>.sql files with " + MARKER));
    }

    private static long marked(Path dir) {
        return NumberedFile.in(dir, FILE).stream().filter(f -> MigrationFiles.startsWithMarker(f.path(), MARKER)).count();
    }

    @Override
    public Path locate(Path dir) {
        return MigrationFiles.firstPlace(dir, PLACES, d -> !NumberedFile.in(d, FILE).isEmpty()).orElse(dir);
    }

    @Override
    public List<LedgerTable> ledgerTables() {
        return List.of(LedgerTable.anySchema("schema_migrations", "version").without("dirty"));
    }

    @Override
    public OrderPolicy orderPolicy() {
        return OrderPolicy.SET_BASED;
    }

    @Override
    public String lateNote() {
        return "dbmate up applies it after newer ones (dbmate --strict refuses)";
    }

    @Override
    public List<LocalMigration> readDirectory(Path directory) {
        return NumberedFile.in(directory, FILE).stream().map(NumberedFile::byText).toList();
    }

    @Override
    public List<LedgerEntry> readLedger(Connection connection, QualifiedName table, List<LocalMigration> local)
            throws SQLException {
        return VersionLedger.read(connection, table, false);
    }
}
