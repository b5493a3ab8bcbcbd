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
 * Rails (Active Record): {@code db/migrate/<timestamp>_<name>.rb} and the ledger
 * {@code schema_migrations(version varchar primary key)}, which records versions only (no checksum, no time), compared
 * as integers ({@code 0042} is 42). {@code rails db:migrate} runs every migration missing from it, older ones too. Status comes from the
 * file names alone: Ruby migrations are not SQL pgcarry could check.
 */
final class RailsSupport implements ToolSupport {
    static final Pattern FILE = Pattern.compile("(\\d+)_([_a-z0-9]*(?:\\.[_a-z0-9]+)?)\\.rb");
    private static final List<String> PLACES = List.of("db/migrate");

    @Override
    public MigrationTool tool() {
        return MigrationTool.RAILS;
    }

    @Override
    public Optional<Layout> detect(Path dir) {
        return MigrationFiles.firstPlace(dir, PLACES, d -> !NumberedFile.in(d, FILE).isEmpty())
                .map(d -> new Layout(d, NumberedFile.in(d, FILE).size() + " <timestamp>_<name>.rb files"));
    }

    @Override
    public Path locate(Path dir) {
        return detect(dir).map(Layout::directory).orElse(dir);
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
        return "rails db:migrate runs it after newer ones";
    }

    @Override
    public List<LocalMigration> readDirectory(Path directory) {
        return NumberedFile.in(directory, FILE).stream().map(NumberedFile::byNumber).toList();
    }

    @Override
    public List<LedgerEntry> readLedger(Connection connection, QualifiedName table, List<LocalMigration> local)
            throws SQLException {
        return VersionLedger.read(connection, table, true);
    }
}
