package io.pgcarry.migrate.apply;

import java.util.List;

/**
 * Why a migration file stopped, and what of it stays.
 *
 * @param line          the line of the statement that failed (0 when it was pgcarry's own ledger statement)
 * @param statement     its first line
 * @param sqlState      PostgreSQL's SQLSTATE, or null
 * @param error         PostgreSQL's error in one line
 * @param rolledBack    whether nothing of the file stays (it ran in one transaction)
 * @param ran           the statements that ran and stay ({@code line 1: CREATE INDEX CONCURRENTLY ...}), run statement by statement
 * @param ledger        what the tool's ledger now says of the file
 */
public record FileFailure(int line, String statement, String sqlState, String error, boolean rolledBack, List<String> ran,
                          String ledger) {
    public FileFailure {
        ran = List.copyOf(ran);
    }
}
