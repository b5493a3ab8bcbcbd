package io.pgcarry.schema;

import io.pgcarry.error.DatabaseException;
import io.pgcarry.error.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Runs script statements on a connection inside the caller's transaction, so that a failure or a kill
 * leaves nothing half-created. The error names the statement that failed.
 */
public final class ScriptRunner {
    private ScriptRunner() {
    }

    /** Runs {@code statements}; the connection must not be in auto-commit mode. */
    public static void run(Connection connection, List<ScriptStatement> statements) {
        try (Statement s = connection.createStatement()) {
            if (connection.getAutoCommit()) {
                throw new IllegalStateException("schema statements must run in a transaction");
            }
            s.execute("SET LOCAL check_function_bodies = false");
            s.execute("SET LOCAL client_min_messages = warning");
            s.execute("SELECT pg_catalog.set_config('search_path', '', true)");
            for (ScriptStatement statement : statements) {
                try {
                    s.execute(statement.sql());
                } catch (SQLException e) {
                    throw new DatabaseException("creating " + statement.object() + " failed: "
                            + SqlErrors.describe(e) + "; statement: " + firstLine(statement.sql()), e.getSQLState(), e);
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("running the schema script", e);
        }
    }

    /** Runs {@code statements} in a transaction of their own on an auto-commit connection, which stays in auto-commit. */
    public static void runAndCommit(Connection connection, List<ScriptStatement> statements) {
        try {
            connection.setAutoCommit(false);
            run(connection, statements);
            connection.commit();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw SqlErrors.translate("running the schema script", e);
        }
    }

    /** A statement's first line, short enough for a one-line error. */
    public static String firstLine(String sql) {
        String line = sql.strip().lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }
}
