package io.pgcarry.migrate.apply;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.catalog.SqlResource;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.Setting;
import io.pgcarry.migrate.LocalMigration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/**
 * {@code flyway_schema_history} as Flyway writes it: {@code installed_rank} one more than the highest, {@code version}
 * as in the file name with {@code _} made {@code .} (NULL for a repeatable {@code R__} file), {@code description} the
 * name's part after {@code __} with {@code _} made spaces, {@code type} {@code SQL}, {@code script} the file's path under
 * the location, {@code checksum} Flyway's CRC-32, {@code installed_by} the user, {@code execution_time} in
 * milliseconds. On PostgreSQL Flyway runs a migration and its row in one transaction and, when it fails there, records
 * nothing ("changes successfully rolled back"); a migration that cannot run in a transaction and fails gets a row with
 * {@code success = false}, which {@code flyway migrate} refuses to go past until {@code flyway repair}.
 */
final class FlywayLedgerWriter implements LedgerWriter {
    private static final SqlResource SQL = SqlResource.of(FlywayLedgerWriter.class);
    private static final String TABLE = "flyway_schema_history";
    private static final int DESCRIPTION = 200;
    private static final int SCRIPT = 1000;

    @Override
    public QualifiedName defaultTable(Connection c, String schema) throws SQLException {
        if (schema != null) {
            return new QualifiedName(schema, TABLE);
        }
        // Flyway's default schema is the connection's current schema: the first of search_path that exists.
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_catalog.current_schema()")) {
            rs.next();
            String current = rs.getString(1);
            if (current == null) {
                throw new ConfigurationException("no schema of the search_path exists to hold flyway's " + TABLE
                        + "; name one with " + Setting.LEDGER_SCHEMA.mention());
            }
            return new QualifiedName(current, TABLE);
        }
    }

    @Override
    public void create(Connection c, QualifiedName table) throws SQLException {
        String pk = Identifiers.quote(table.name() + "_pk");
        String index = Identifiers.quote(table.name() + "_s_idx");
        try (Statement s = c.createStatement()) {
            for (String name : new String[] {"create", "primary-key", "index"}) {
                s.execute(SQL.get(name).formatted(table.sql(), pk, index));
            }
        }
    }

    @Override
    public void applied(Connection c, QualifiedName table, LedgerRun run) throws SQLException {
        insert(c, table, run, true);
    }

    @Override
    public String failedInTransaction(Connection c, QualifiedName table, LedgerRun run) {
        return "nothing recorded in " + table + ": rolled back, as flyway leaves a failed migration on PostgreSQL; it stays pending";
    }

    @Override
    public String started(Connection c, QualifiedName table, LedgerRun run) throws SQLException {
        return String.valueOf(insert(c, table, run, false));
    }

    @Override
    public void finished(Connection c, QualifiedName table, String key, LedgerRun run) throws SQLException {
        update(c, table, "finished", key, run);
    }

    @Override
    public String stopped(Connection c, QualifiedName table, String key, LedgerRun run) throws SQLException {
        update(c, table, "stopped", key, run);
        return table + " has its failed row (success = false): flyway migrate stops at it; fix the database by hand, then "
                + "flyway repair";
    }

    private static int insert(Connection c, QualifiedName table, LedgerRun run, boolean success) throws SQLException {
        int rank = nextRank(c, table);
        LocalMigration m = run.migration();
        try (PreparedStatement ps = c.prepareStatement(SQL.get("insert").formatted(table.sql()))) {
            ps.setInt(1, rank);
            if (m.order().repeatable()) {
                ps.setNull(2, Types.VARCHAR);
            } else {
                ps.setString(2, m.version());
            }
            ps.setString(3, abbreviate(m.name(), DESCRIPTION));
            ps.setString(4, abbreviate(m.files().get(0), SCRIPT));
            ps.setInt(5, Integer.parseInt(m.checksum().shown()));
            ps.setString(6, run.installedBy());
            ps.setInt(7, (int) Math.min(Integer.MAX_VALUE, run.millis()));
            ps.setBoolean(8, success);
            ps.executeUpdate();
        }
        return rank;
    }

    private static int nextRank(Connection c, QualifiedName table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SQL.get("next-rank").formatted(table.sql()))) {
            rs.next();
            return rs.getInt(1) + 1;
        }
    }

    private static void update(Connection c, QualifiedName table, String statement, String key, LedgerRun run) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL.get(statement).formatted(table.sql()))) {
            ps.setInt(1, (int) Math.min(Integer.MAX_VALUE, run.millis()));
            ps.setInt(2, Integer.parseInt(key));
            ps.executeUpdate();
        }
    }

    /** Flyway shortens a description or script longer than its column, ending it with {@code ...}. */
    static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
