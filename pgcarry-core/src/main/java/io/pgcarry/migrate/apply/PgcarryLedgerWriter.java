package io.pgcarry.migrate.apply;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.catalog.SqlResource;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.Setting;
import io.pgcarry.migrate.LocalMigration;
import io.pgcarry.migrate.tools.PgcarryLedger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * pgcarry's own ledger ({@link PgcarryLedger}) for plain SQL directories: the version as written, the name, the
 * SHA-256 of the file and of its LF form, how long it took, whether it ran to the end and how many statements ran. A
 * file that failed in one transaction left nothing and stays pending; one run statement by statement that stopped keeps
 * its row with {@code success = false} and the number of statements that ran.
 */
final class PgcarryLedgerWriter implements LedgerWriter {
    private static final SqlResource SQL = SqlResource.of(PgcarryLedgerWriter.class);

    @Override
    public QualifiedName defaultTable(Connection c, String schema) {
        if (schema != null && !schema.equals(PgcarryLedger.SCHEMA)) {
            throw new ConfigurationException("pgcarry's own ledger is always " + PgcarryLedger.TABLE + "; leave out " + Setting.LEDGER_SCHEMA.mention());
        }
        return PgcarryLedger.TABLE;
    }

    @Override
    public void create(Connection c, QualifiedName table) throws SQLException {
        PgcarryLedger.create(c);
    }

    @Override
    public void applied(Connection c, QualifiedName table, LedgerRun run) throws SQLException {
        insert(c, table, run, true, run.millis(), run.statementsRun());
    }

    @Override
    public String failedInTransaction(Connection c, QualifiedName table, LedgerRun run) {
        return "nothing recorded in " + table + ": rolled back, it stays pending";
    }

    /** Recorded as not (yet) successful before its first statement, so that a stop anywhere leaves a failed row. */
    @Override
    public String started(Connection c, QualifiedName table, LedgerRun run) throws SQLException {
        insert(c, table, run, false, 0, 0);
        return run.migration().id();
    }

    private static void insert(Connection c, QualifiedName table, LedgerRun run, boolean success, long millis, int statementsRun)
            throws SQLException {
        LocalMigration m = run.migration();
        try (PreparedStatement ps = c.prepareStatement(SQL.get("insert").formatted(table.sql()))) {
            ps.setString(1, m.id());
            ps.setString(2, m.name());
            ps.setString(3, m.checksum().shown());
            ps.setString(4, m.lfChecksum());
            ps.setLong(5, millis);
            ps.setBoolean(6, success);
            ps.setInt(7, statementsRun);
            ps.setString(8, run.installedBy());
            ps.executeUpdate();
        }
    }

    @Override
    public void progressed(Connection c, QualifiedName table, String key, int statementsRun) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL.get("progressed").formatted(table.sql()))) {
            ps.setInt(1, statementsRun);
            ps.setString(2, key);
            ps.executeUpdate();
        }
    }

    @Override
    public void finished(Connection c, QualifiedName table, String key, LedgerRun run) throws SQLException {
        end(c, table, "finished", key, run);
    }

    @Override
    public String stopped(Connection c, QualifiedName table, String key, LedgerRun run) throws SQLException {
        end(c, table, "stopped", key, run);
        return table + " has its failed row (success = false, " + run.statementsRun() + " statements run): finish or undo them "
                + "by hand, then delete the row to run the file again";
    }

    private static void end(Connection c, QualifiedName table, String statement, String key, LedgerRun run) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL.get(statement).formatted(table.sql()))) {
            ps.setInt(1, run.statementsRun());
            ps.setLong(2, run.millis());
            ps.setString(3, key);
            ps.executeUpdate();
        }
    }
}
