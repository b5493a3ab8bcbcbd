package io.pgcarry.error;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Translates a {@link SQLException} at the library's boundary into a {@link DatabaseException} whose message
 * carries PostgreSQL's own fields: SQLSTATE, message, detail, and the table, column and constraint at fault.
 */
public final class SqlErrors {
    private SqlErrors() {
    }

    /** {@code doing} says what pgcarry was doing, such as "copying table public.\"Animal\"". */
    public static DatabaseException translate(String doing, SQLException e) {
        return new DatabaseException(doing + " failed: " + describe(e), e.getSQLState(), e);
    }

    /**
     * Whether the failure means the session is gone: a connection exception (class 08), or the server ending the session
     * (57P01 terminated by an administrator, 57P02 crash of another backend, 57P03 server starting or stopping).
     */
    public static boolean sessionLost(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02")
                || sqlState.equals("57P03"));
    }

    /** PostgreSQL's error in one line: {@code [23503] message (detail; table t, constraint c)}. */
    public static String describe(SQLException e) {
        StringBuilder sb = new StringBuilder();
        if (e.getSQLState() != null) {
            sb.append('[').append(e.getSQLState()).append("] ");
        }
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        if (server == null) {
            sb.append(oneLine(e.getMessage()));
            return sb.toString();
        }
        sb.append(oneLine(server.getMessage()));
        StringBuilder extra = new StringBuilder();
        append(extra, null, server.getDetail());
        append(extra, "schema", server.getSchema());
        append(extra, "table", server.getTable());
        append(extra, "column", server.getColumn());
        append(extra, "constraint", server.getConstraint());
        append(extra, "at", server.getWhere());
        if (extra.length() > 0) {
            sb.append(" (").append(extra).append(')');
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String label, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        if (sb.length() > 0) {
            sb.append("; ");
        }
        sb.append(label == null ? oneLine(value) : label + " " + value);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\n\\s*", " ").strip();
    }
}
