package io.pgcarry.rehearse;

import java.util.List;

/**
 * Why a statement failed and, when the data made it fail, which rows.
 *
 * @param sqlState the SQLSTATE
 * @param message  the server's message, one line
 * @param rows     how many rows break the constraint, NOT NULL or unique index; -1 when it is not about rows
 * @param keys     up to 10 of them, by primary key ({@code id=42})
 */
public record Failure(String sqlState, String message, long rows, List<String> keys) {
    public Failure {
        keys = List.copyOf(keys);
    }

    /** Whether the data (rows) made it fail, rather than the statement or the schema. */
    public boolean onData() {
        return rows > 0;
    }
}
