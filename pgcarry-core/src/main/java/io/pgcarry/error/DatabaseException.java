package io.pgcarry.error;

/**
 * A statement failed on the server. Carries PostgreSQL's own fields so a report can show the exact
 * SQLSTATE, table, column and constraint.
 */
public class DatabaseException extends PgCarryException {
    private final String sqlState;

    public DatabaseException(String message, String sqlState, Throwable cause) {
        super(ErrorCode.DATABASE, message, cause);
        this.sqlState = sqlState;
    }

    /** The five-character SQLSTATE, or null when the failure did not come from the server. */
    public String sqlState() {
        return sqlState;
    }
}
