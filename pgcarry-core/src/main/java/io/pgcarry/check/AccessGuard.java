package io.pgcarry.check;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Runs a data check's queries so that one failing query does not end the whole preflight. Inside a transaction (the
 * source snapshot) they run under a savepoint, so a failure does not abort the snapshot; a table the role may not
 * read (no privilege, or row-level security) skips its check, since {@link Privileges} has already reported why and
 * every other problem must still be listed.
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
        try {
            return Optional.ofNullable(underSavepoint(c, query));
        } catch (SQLException e) {
            if (DENIED.equals(e.getSQLState())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The query's result; when it fails, the transaction is rolled back to where it was and the failure thrown. */
    static <T> T underSavepoint(Connection c, Query<T> query) throws SQLException {
        boolean transaction = !c.getAutoCommit();
        if (transaction) {
            execute(c, "SAVEPOINT pgcarry_check");
        }
        try {
            T result = query.run();
            if (transaction) {
                execute(c, "RELEASE SAVEPOINT pgcarry_check");
            }
            return result;
        } catch (SQLException e) {
            if (transaction) {
                execute(c, "ROLLBACK TO SAVEPOINT pgcarry_check");
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
