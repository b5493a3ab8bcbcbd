package io.pgcarry.check;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Runs a data check's queries so that a table the role may not read (no privilege, or row-level security) skips the
 * check instead of ending the whole preflight: {@link Privileges} has already reported why, and every other problem
 * must still be listed. Inside a transaction (the source snapshot) the queries run under a savepoint, so the
 * failure does not abort the snapshot.
 */
final class AccessGuard {
    /** insufficient_privilege: permission denied, and a read that row-level security would filter. */
    private static final String DENIED = "42501";

    /** A query on one connection. */
    @FunctionalInterface
    interface Query<T> {
        T run() throws SQLException;
    }

    private AccessGuard() {
    }

    /** The query's result, or empty when the server denied access; other failures are thrown. */
    static <T> Optional<T> unlessDenied(Connection c, Query<T> query) throws SQLException {
        boolean transaction = !c.getAutoCommit();
        if (transaction) {
            execute(c, "SAVEPOINT pgcarry_access");
        }
        try {
            T result = query.run();
            if (transaction) {
                execute(c, "RELEASE SAVEPOINT pgcarry_access");
            }
            return Optional.of(result);
        } catch (SQLException e) {
            if (transaction) {
                execute(c, "ROLLBACK TO SAVEPOINT pgcarry_access");
            }
            if (DENIED.equals(e.getSQLState())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
