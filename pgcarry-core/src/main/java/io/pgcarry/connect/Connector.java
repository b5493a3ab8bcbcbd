package io.pgcarry.connect;

import io.pgcarry.error.ConnectionException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Opens JDBC connections for a {@link ConnectionSpec}; any failure becomes a one-line {@link ConnectionException}. */
public final class Connector {
    /** The default for {@code --connect-timeout}. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 10;
    private static final String APPLICATION_NAME = "pgcarry";

    private final int timeoutSeconds;

    public Connector(int timeoutSeconds) {
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("connect timeout must be at least 1 second");
        }
        this.timeoutSeconds = timeoutSeconds;
    }

    public Connector() {
        this(DEFAULT_TIMEOUT_SECONDS);
    }

    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    public Connection open(ConnectionSpec spec) {
        try {
            return DriverManager.getConnection(spec.jdbcUrl(), spec.jdbcProperties(timeoutSeconds, APPLICATION_NAME));
        } catch (SQLException e) {
            throw new ConnectionException(ConnectionFailure.describe(e, spec, timeoutSeconds), e);
        }
    }
}
