package io.pgcarry.migrate.tools;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.migrate.LedgerEntry;
import io.pgcarry.migrate.LedgerTable;
import io.pgcarry.migrate.LocalMigration;
import io.pgcarry.migrate.MigrationTool;
import io.pgcarry.migrate.OrderPolicy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rails (Active Record): {@code db/migrate/<timestamp>_<name>.rb} and the ledger
 * {@code schema_migrations(version varchar primary key)}, which records versions only (no checksum, no time), compared
 * as integers ({@code 0042} is 42). {@code rails db:migrate} runs every migration missing from it, older ones too. Status comes from the
 * file names alone: Ruby migrations are not SQL pgcarry could check.
 */
final class RailsSupport extends NumberedFileSupport {
    static final Pattern FILE = Pattern.compile("(\\d+)_([_a-z0-9]*(?:\\.[_a-z0-9]+)?)\\.rb");

    RailsSupport() {
        super(new Convention(MigrationTool.RAILS, FILE, List.of("db/migrate"), "<timestamp>_<name>.rb files", OrderPolicy.SET_BASED,
                "rails db:migrate runs it after newer ones", true));
    }

    @Override
    public List<LedgerTable> ledgerTables() {
        return List.of(VersionLedger.TABLE);
    }

    @Override
    public List<LedgerEntry> readLedger(Connection connection, QualifiedName table, List<LocalMigration> local)
            throws SQLException {
        return VersionLedger.read(connection, table, true);
    }
}
