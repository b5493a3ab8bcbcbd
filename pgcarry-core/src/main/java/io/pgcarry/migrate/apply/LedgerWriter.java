package io.pgcarry.migrate.apply;

import io.pgcarry.catalog.QualifiedName;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Writes one tool's ledger exactly as the tool does: its table as the tool creates it, and its rows with the tool's
 * names, checksums and order, so that the tool's own status command agrees with what pgcarry applied. The caller
 * holds the transactions: a file run in one transaction has its row written by {@link #applied} inside it; a file run
 * statement by statement is first recorded as started ({@link #started}, committed, so that a stop half-way leaves the
 * tool's failed row where it has one), then {@link #finished} or {@link #stopped}.
 */
interface LedgerWriter {
    /** The table the tool creates when it has never run here; {@code schema} is {@code --ledger-schema}, or null. */
    QualifiedName defaultTable(Connection c, String schema) throws SQLException;

    /** Creates {@code table} as the tool creates it. */
    void create(Connection c, QualifiedName table) throws SQLException;

    /** The row of a migration that ran to the end, in the migration's own transaction. */
    void applied(Connection c, QualifiedName table, LedgerRun run) throws SQLException;

    /**
     * What the tool records of a migration that failed in one transaction and was rolled back, written in a transaction of
     * its own; returns what the ledger now says, for the report.
     */
    String failedInTransaction(Connection c, QualifiedName table, LedgerRun run) throws SQLException;

    /** Records that a migration run statement by statement started; returns the row's key, or null when the tool has no such row. */
    String started(Connection c, QualifiedName table, LedgerRun run) throws SQLException;

    /** Records how many statements have run so far, where the ledger counts them; outside any transaction of the file's. */
    default void progressed(Connection c, QualifiedName table, String key, int statementsRun) throws SQLException {
    }

    /** A migration run statement by statement ran to the end: its row as the tool leaves an applied one. */
    void finished(Connection c, QualifiedName table, String key, LedgerRun run) throws SQLException;

    /** A migration run statement by statement stopped; returns what the ledger now says, for the report. */
    String stopped(Connection c, QualifiedName table, String key, LedgerRun run) throws SQLException;
}
