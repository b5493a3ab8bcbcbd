package io.pgcarry.migrate.apply;

import io.pgcarry.migrate.LocalMigration;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * How every file of one {@code migrate apply} runs.
 *
 * @param retries     retries allowed after a lock timeout
 * @param backoff     the wait before the first retry
 * @param installedBy the role recorded as the installer
 * @param progress    where progress goes
 */
record RunSettings(int retries, Duration backoff, String installedBy, ApplyProgress progress) {
    RunSettings {
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(installedBy, "installedBy");
        Objects.requireNonNull(progress, "progress");
    }

    LockRetry retry(String what) {
        return new LockRetry(retries, backoff, progress, what);
    }

    LedgerRun ledgerRun(LocalMigration migration, OffsetDateTime startedAt) {
        return new LedgerRun(migration, startedAt, 0, 0, null, null, installedBy);
    }
}
