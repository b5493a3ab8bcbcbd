package io.pgcarry.migrate.tools;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.catalog.SqlResource;
import io.pgcarry.migrate.LedgerEntry;
import io.pgcarry.migrate.LedgerEntry.Outcome;
import io.pgcarry.migrate.LedgerTable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * pgcarry's own migration ledger, {@code pgcarry_migrate.migrations}: one row per version with its name, the SHA-256 of
 * the file as applied and of its content with LF line endings, when, how long, whether it ran to the end and how many
 * statements ran. Its own schema, since the move journal's schema {@code pgcarry} is dropped when a move ends.
 */
public final class PgcarryLedger {
    /** The ledger's schema. */
    public static final String SCHEMA = "pgcarry_migrate";
    /** The ledger's table. */
    public static final QualifiedName TABLE = new QualifiedName(SCHEMA, "migrations");
    static final LedgerTable LEDGER = new LedgerTable(SCHEMA, TABLE.name(), List.of("version", "name", "checksum",
            "checksum_lf", "applied_at", "duration_ms", "success", "statements_run"), List.of());
    private static final SqlResource SQL = SqlResource.of(PgcarryLedger.class);

    private PgcarryLedger() {
    }

    /** Creates the ledger unless it exists (in the caller's transaction). */
    public static void create(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(SQL.get("create-schema"));
            s.execute(SQL.get("create-table"));
        }
    }

    static List<LedgerEntry> read(Connection connection, QualifiedName table) throws SQLException {
        List<LedgerEntry> entries = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(SQL.get("rows").formatted(table.sql()))) {
            while (rs.next()) {
                String version = rs.getString(1);
                boolean success = rs.getBoolean(6);
                entries.add(new LedgerEntry(version, version, rs.getString(2), VersionLedger.order(version),
                        success ? Outcome.APPLIED : Outcome.FAILED, rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class), success ? null : "stopped after " + rs.getInt(7) + " statements"));
            }
        }
        return entries;
    }
}
