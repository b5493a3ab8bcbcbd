package io.pgcarry.migrate.apply;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.catalog.SqlResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * The session {@code migrate apply} runs migrations in: the settings each file starts from, the {@code lock_timeout}
 * set again before every statement (so that a {@code SET} or {@code RESET} in a file cannot lift it for the statements
 * after), and the INVALID indexes a failed concurrent build leaves.
 */
final class ApplySession {
    private static final SqlResource SQL = SqlResource.of(ApplySession.class);

    private final Connection connection;
    private final String lockTimeout;

    ApplySession(Connection connection, Duration lockTimeout) {
        this.connection = connection;
        this.lockTimeout = lockTimeout.toMillis() + "ms";
    }

    Connection connection() {
        return connection;
    }

    /**
     * Settings back to the role's defaults before a file: the search_path is the role's (pgcarry's connections pin
     * theirs to pg_catalog, which migrations do not expect), and nothing an earlier file set carries over.
     */
    void reset() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(SQL.get("reset"));
        }
        name(connection);
    }

    /** Names the session {@code pgcarry migrate apply} in {@code pg_stat_activity} (RESET ALL takes the name away too). */
    static void name(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(SQL.get("name"));
        }
    }

    /** Sets {@code lock_timeout} for the next statement: for the transaction ({@code local}) or for the session. */
    void lockTimeout(boolean local) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(SQL.get("lock-timeout"))) {
            ps.setString(1, lockTimeout);
            ps.setBoolean(2, local);
            ps.executeQuery().close();
        }
    }

    /** The role the session runs as, recorded as the migrations' installer. */
    String currentUser() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(SQL.get("user"))) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Whether the server is outside any transaction block (one a file opened with BEGIN, say). */
    boolean idle() throws SQLException {
        return connection.unwrap(BaseConnection.class).getTransactionState() == TransactionState.IDLE;
    }

    /** The INVALID indexes there are now, by oid. */
    Map<Long, QualifiedName> invalidIndexes() throws SQLException {
        Map<Long, QualifiedName> invalid = new HashMap<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(SQL.get("invalid-indexes"))) {
            while (rs.next()) {
                invalid.put(rs.getLong(1), new QualifiedName(rs.getString(2), rs.getString(3)));
            }
        }
        return invalid;
    }

    /** Rolls back whatever transaction is open, keeping the failure that is being reported as the one that counts. */
    void rollbackQuietly() {
        try {
            if (connection.getAutoCommit()) {
                if (!idle()) {
                    try (Statement s = connection.createStatement()) {
                        s.execute("ROLLBACK");
                    }
                }
            } else {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // the statement's own failure is reported; a lost connection has rolled back by itself
        }
    }
}
