package io.pgcarry.connect;

import io.pgcarry.error.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Session settings that make text forms identical on every server, so values copied in text and hashes
 * computed on both sides never depend on a server's TimeZone, DateStyle or float settings.
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
            SET idle_in_transaction_session_timeout = 0
            """;

    private Sessions() {
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
