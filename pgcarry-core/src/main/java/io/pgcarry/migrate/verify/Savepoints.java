package io.pgcarry.migrate.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * Statements of a migration run in autocommit, except inside a transaction the file opened itself ({@code BEGIN}):
 * there a savepoint before each statement lets a skipped one be undone without aborting the file's transaction.
 */
final class Savepoints {
    private static final String NAME = "pgcarry_replay";

    private Savepoints() {
    }

    /** A guard for the next statement: a savepoint when a transaction is open, nothing otherwise. */
    static Guard guard(Connection connection) throws SQLException {
        boolean inTransaction = state(connection) != TransactionState.IDLE;
        if (inTransaction) {
            run(connection, "SAVEPOINT " + NAME);
        }
        return new Guard(connection, inTransaction);
    }

    /** Commits what a file left open (a {@code BEGIN} without {@code COMMIT}), as the session would at its end. */
    static void endOpenTransaction(Connection connection) throws SQLException {
        if (state(connection) != TransactionState.IDLE) {
            run(connection, "COMMIT");
        }
    }

    private static TransactionState state(Connection connection) throws SQLException {
        return connection.unwrap(BaseConnection.class).getTransactionState();
    }

    private static void run(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /** Released after the statement succeeded; closed without release, it rolls back to before the statement. */
    static final class Guard implements AutoCloseable {
        private final Connection connection;
        private final boolean active;
        private boolean released;

        private Guard(Connection connection, boolean active) {
            this.connection = connection;
            this.active = active;
        }

        void release() throws SQLException {
            released = true;
            if (active && state(connection) == TransactionState.OPEN) {
                run(connection, "RELEASE SAVEPOINT " + NAME);
            }
        }

        @Override
        public void close() throws SQLException {
            if (active && !released && state(connection) != TransactionState.IDLE) {
                run(connection, "ROLLBACK TO SAVEPOINT " + NAME);
            }
        }
    }
}
