package io.pgcarry.migrate.apply;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.catalog.SqlResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code drizzle.__drizzle_migrations} as drizzle-orm's migrator writes it: one row per applied journal entry, its
 * {@code hash} the SHA-256 hex of the file's text and its {@code created_at} the entry's {@code when}. Drizzle records
 * nothing of a migration that failed (it runs every pending one in one transaction), and has no row to say that a
 * migration started: a file run statement by statement that stops leaves no row, and the report lists what ran.
 */
final class DrizzleLedgerWriter implements LedgerWriter {
    private static final SqlResource SQL = SqlResource.of(DrizzleLedgerWriter.class);
    private static final String TABLE = "__drizzle_migrations";

    @Override
    public QualifiedName defaultTable(Connection c, String schema) {
        return new QualifiedName(schema == null ? "drizzle" : schema, TABLE);
    }

    @Override
    public void create(Connection c, QualifiedName table) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(SQL.get("create-schema").formatted(Identifiers.quote(table.schema()), table.sql()));
            s.execute(SQL.get("create").formatted(Identifiers.quote(table.schema()), table.sql()));
        }
    }

    @Override
    public void applied(Connection c, QualifiedName table, LedgerRun run) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL.get("applied").formatted(Identifiers.quote(table.schema()), table.sql()))) {
            ps.setString(1, run.migration().checksum().shown());
            ps.setLong(2, Long.parseLong(run.migration().id()));
            ps.executeUpdate();
        }
    }

    @Override
    public String failedInTransaction(Connection c, QualifiedName table, LedgerRun run) {
        return "nothing recorded in " + table + " (drizzle records no failed migration): it stays pending";
    }

    @Override
    public String started(Connection c, QualifiedName table, LedgerRun run) {
        return null;
    }

    @Override
    public void finished(Connection c, QualifiedName table, String key, LedgerRun run) throws SQLException {
        applied(c, table, run);
    }

    @Override
    public String stopped(Connection c, QualifiedName table, String key, LedgerRun run) {
        return "nothing recorded in " + table + ": drizzle's ledger cannot say that a migration stopped half-way, so drizzle "
                + "would run it again from the start; undo what ran (listed) or finish it by hand before the next run";
    }
}
