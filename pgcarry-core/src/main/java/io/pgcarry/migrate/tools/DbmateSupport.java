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
 * dbmate: {@code db/migrations/<version>_<name>.sql} files holding {@code -- migrate:up} and {@code -- migrate:down}
 * sections, and the ledger {@code schema_migrations(version varchar(128) primary key)}, which records the version text
 * and nothing else: no checksum, no time. {@code dbmate up} applies every file missing from it, older ones too (unless
 * {@code --strict}). Each file runs in a transaction (unless marked {@code transaction:false}): a failure leaves no row.
 */
final class DbmateSupport extends NumberedFileSupport {
    static final Pattern FILE = Pattern.compile("(\\d+)_(.*)\\.sql");
    static final String MARKER = "-- migrate:up";

    DbmateSupport() {
        super(new Convention(MigrationTool.DBMATE, FILE, List.of("db/migrations"), "<version>_<name>.sql files with " + MARKER,
                OrderPolicy.SET_BASED, "dbmate up applies it after newer ones (dbmate --strict refuses)", false));
    }

    @Override
    boolean recognises(NumberedFile file) {
        return MigrationFiles.startsWithMarker(file.path(), MARKER);
    }

    @Override
    public List<LedgerTable> ledgerTables() {
        return List.of(VersionLedger.TABLE);
    }

    @Override
    public List<LedgerEntry> readLedger(Connection connection, QualifiedName table, List<LocalMigration> local)
            throws SQLException {
        return VersionLedger.read(connection, table, false);
    }
}
