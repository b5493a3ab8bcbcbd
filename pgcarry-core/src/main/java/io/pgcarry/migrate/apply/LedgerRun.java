package io.pgcarry.migrate.apply;

import io.pgcarry.migrate.LocalMigration;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * What a ledger row says of one migration run.
 *
 * @param migration     the migration, with the tool's checksum of its file
 * @param startedAt     when the attempt that is recorded started
 * @param millis        how long the file took
 * @param statementsRun how many of its statements ran
 * @param sqlState      the failure's SQLSTATE, or null
 * @param error         the failure in one line (PostgreSQL's message, where it failed), or null
 * @param installedBy   the role recorded as having applied it (the session's {@code current_user} when the run started)
 */
record LedgerRun(LocalMigration migration, OffsetDateTime startedAt, long millis, int statementsRun, String sqlState,
                 String error, String installedBy) {
    LedgerRun {
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(installedBy, "installedBy");
    }

    LedgerRun finished(long millis, int statementsRun) {
        return new LedgerRun(migration, startedAt, millis, statementsRun, null, null, installedBy);
    }

    LedgerRun failed(long millis, int statementsRun, String sqlState, String error) {
        return new LedgerRun(migration, startedAt, millis, statementsRun, sqlState, error, installedBy);
    }
}
