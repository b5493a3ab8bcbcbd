package io.pgcarry.connect;

import io.pgcarry.error.SqlErrors;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Session settings that make text forms identical on every server, so values copied in text and hashes
 * computed on both sides never depend on a server's TimeZone, DateStyle or float settings. Row security is off, as
 * in pg_dump: a query that row-level security policies would filter fails rather than silently missing rows (see
 * {@link io.pgcarry.catalog.RowSecurity}).
 */
public final class Sessions {
    private static final String SETTINGS = """
            SET TimeZone = 'UTC';
            SET DateStyle = 'ISO, MDY';
            SET IntervalStyle = 'postgres';
            SET extra_float_digits = 3;
            SET bytea_output = 'hex';
            SET client_encoding = 'UTF8';
            SET statement_timeout = 0;
            SET lock_timeout = 0;
            SET idle_in_transaction_session_timeout = 0;
            SET row_security = off
            """;

    private Sessions() {
    }

    /**
     * Statements whose result the database's own rules define, such as materialized view refreshes (which read as the
     * view's owner, through its policies): run with row security on, as an application's session has it, and back off
     * after. Empty stays empty.
     */
    public static List<String> underRowSecurity(List<String> statements) {
        if (statements.isEmpty()) {
            return statements;
        }
        List<String> wrapped = new ArrayList<>();
        wrapped.add("SET row_security = on");
        wrapped.addAll(statements);
        wrapped.add("SET row_security = off");
        return wrapped;
    }

    /** The server encoding of the connected database (the bytes its text is stored and hashed in). */
    public static String serverEncoding(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SHOW server_encoding")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * Rolls back after a failure. On a lost connection the rollback fails too, and its "connection has been closed"
     * must not replace the failure that explains it (the server has rolled back by itself then).
     */
    public static void rollbackAfterFailure(Connection connection) {
        try {
            if (!connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // The failure being reported is the one that counts.
        }
    }

    public static Connection prepare(Connection connection) {
        try (Statement s = connection.createStatement()) {
            s.execute(SETTINGS);
            return connection;
        } catch (SQLException e) {
            throw SqlErrors.translate("preparing the session", e);
        }
    }
}
