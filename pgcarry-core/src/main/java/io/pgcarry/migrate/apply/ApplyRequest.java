package io.pgcarry.migrate.apply;

import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.migrate.MigrationTool;
import io.pgcarry.migrate.StatusRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@code migrate apply} is asked.
 *
 * @param target       the database to migrate
 * @param directory    the migration directory, or a project holding it where the tool puts it
 * @param tool         the tool, or null to detect it as {@code migrate status} does
 * @param ledgerSchema the schema of the tool's ledger, or null for the tool's default
 * @param dryRun       print the plan and write nothing
 * @param lockTimeout  the {@code lock_timeout} every statement runs under
 * @param retries      how many times a file (or, run statement by statement, a statement) is tried again after a lock timeout
 * @param backoff      the wait before the first retry; each further retry waits twice as long
 * @param waitForLock  wait for another {@code migrate apply} on the same database to end instead of stopping
 */
public record ApplyRequest(ConnectionSpec target, Path directory, MigrationTool tool, String ledgerSchema, boolean dryRun,
                           Duration lockTimeout, int retries, Duration backoff, boolean waitForLock) {
    /** The default {@code --lock-timeout}. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(2);
    /** The default {@code --retries}. */
    public static final int DEFAULT_RETRIES = 5;
    /** The default wait before the first retry. */
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(500);

    public ApplyRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(backoff, "backoff");
        if (lockTimeout.isNegative() || lockTimeout.isZero()) {
            throw new IllegalArgumentException("lock timeout must be positive");
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be 0 or more");
        }
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative");
        }
    }

    /** The defaults for everything but the database, the directory and the tool. */
    public static ApplyRequest of(ConnectionSpec target, Path directory, MigrationTool tool) {
        return new ApplyRequest(target, directory, tool, null, false, DEFAULT_LOCK_TIMEOUT, DEFAULT_RETRIES, DEFAULT_BACKOFF, false);
    }

    /** The status question this apply starts with. */
    StatusRequest statusRequest() {
        return new StatusRequest(target, directory, tool, ledgerSchema);
    }
}
