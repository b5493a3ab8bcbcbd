package io.pgcarry.rehearse;

import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.migrate.MigrationTool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A rehearsal to run.
 *
 * @param on           the live database: only read
 * @param directory    the migration directory (its pending migrations are rehearsed), or null with {@code files}
 * @param files        plain SQL files, all rehearsed, in order; empty with a directory
 * @param tool         the migration tool, or null to detect it
 * @param ledgerSchema the ledger's schema, or null for the tool's default
 * @param scratch      the scratch database the user gives, or null for a copy pgcarry makes
 * @param keep         keep the copy pgcarry made
 * @param probeTraffic run probe reads and writes on the touched tables meanwhile
 * @param lockTimeout  for the lock_timeout trial of each statement taking ACCESS EXCLUSIVE, or null for none
 * @param maxLock      the budget of a blocking lock's hold time, or null
 * @param maxRewrite   the budget of a statement's rewritten bytes, or null
 * @param proof        compare the schema before and after and the content of untouched tables with the live database
 */
public record RehearseRequest(ConnectionSpec on, Path directory, List<Path> files, MigrationTool tool, String ledgerSchema,
                              ConnectionSpec scratch, boolean keep, boolean probeTraffic, Duration lockTimeout, Duration maxLock,
                              Long maxRewrite, boolean proof) {
    public RehearseRequest {
        Objects.requireNonNull(on, "on");
        files = List.copyOf(files);
        if ((directory == null) == files.isEmpty()) {
            throw new ConfigurationException("give either --dir DIR or SQL files, not both and not neither");
        }
        if (lockTimeout != null && (lockTimeout.isNegative() || lockTimeout.isZero())) {
            throw new ConfigurationException("--lock-timeout must be more than 0, got " + lockTimeout.toMillis() + " ms");
        }
        if (maxRewrite != null && maxRewrite < 0) {
            throw new ConfigurationException("--max-rewrite must be 0 or more bytes, got " + maxRewrite);
        }
    }
}
