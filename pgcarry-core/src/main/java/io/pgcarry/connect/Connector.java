package io.pgcarry.connect;

import io.pgcarry.error.ConnectionException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import io.pgcarry.error.SqlErrors;

/** Opens JDBC connections for a {@link ConnectionSpec}; any failure becomes a one-line {@link ConnectionException}. */
public final class Connector {
    /** The default for {@code --connect-timeout}. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 10;
    private static final String APPLICATION_NAME = "pgcarry";
    /** The session's search path: only the system catalog, and temporary objects last (never searched for functions). */
    public static final String SAFE_SEARCH_PATH = "SELECT pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', false)";

    private final int timeoutSeconds;
    private final Duration lockWait;

    /**
     * @param timeoutSeconds how long a connection attempt may take
     * @param lockWait       how long to wait for the locks that protect a snapshot's tables; null to wait as long as
     *                       it takes, as pg_dump does
     */
    public Connector(int timeoutSeconds, Duration lockWait) {
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("connect timeout must be at least 1 second");
        }
        if (lockWait != null && (lockWait.isNegative() || lockWait.isZero())) {
            throw new IllegalArgumentException("lock wait must be positive");
        }
        this.timeoutSeconds = timeoutSeconds;
        this.lockWait = lockWait;
    }

    public Connector(int timeoutSeconds) {
        this(timeoutSeconds, null);
    }

    public Connector() {
        this(DEFAULT_TIMEOUT_SECONDS);
    }

    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    /** How long to wait for a table lock that protects a snapshot; null to wait as long as it takes. */
    public Duration lockWait() {
        return lockWait;
    }

    /**
     * Opens a connection whose {@code search_path} is {@code pg_catalog, pg_temp} before pgcarry sends anything else,
     * as pg_dump and pg_restore do (CVE-2018-1058): a role that can create objects in {@code public} could otherwise
     * plant a better-matching overload of a function or operator pgcarry calls and have it run with pgcarry's
     * privileges. Names of user objects in pgcarry's SQL are always schema-qualified, so nothing else changes.
     */
    public Connection open(ConnectionSpec spec) {
        Connection connection;
        try {
            connection = DriverManager.getConnection(spec.jdbcUrl(), spec.jdbcProperties(timeoutSeconds, APPLICATION_NAME));
        } catch (SQLException e) {
            throw new ConnectionException(ConnectionFailure.describe(e, spec, timeoutSeconds), e);
        }
        try {
            pinSearchPath(connection);
            return connection;
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /**
     * Sets the session's {@code search_path} back to {@code pg_catalog, pg_temp}: for a session that ran SQL pgcarry did
     * not write (a plain SQL file may set its own path and leave {@code public} ahead of {@code pg_catalog}) before
     * pgcarry's own queries go on in it.
     */
    public static void pinSearchPath(Connection connection) {
        try (Statement s = connection.createStatement()) {
            s.execute(SAFE_SEARCH_PATH);
        } catch (SQLException e) {
            throw SqlErrors.translate("setting a safe search_path", e);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the setting failed already; that error is the one to report
        }
    }
}
