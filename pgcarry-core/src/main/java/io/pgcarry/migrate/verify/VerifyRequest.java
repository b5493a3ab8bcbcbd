package io.pgcarry.migrate.verify;

import io.pgcarry.migrate.StatusRequest;
import java.util.Objects;

/**
 * What {@code migrate verify} is asked.
 *
 * @param status         what {@code migrate status} reads: the target, the directory, the tool, the ledger's schema
 * @param includePending whether pending migrations are replayed too (what the target will look like after the next
 *                       run), rather than only those the ledger says are applied (what it should look like now)
 * @param serverMajor    the major version of the throw-away server, or null for the target's
 */
public record VerifyRequest(StatusRequest status, boolean includePending, Integer serverMajor) {
    public VerifyRequest {
        Objects.requireNonNull(status, "status");
        if (serverMajor != null && serverMajor < 10) {
            throw new IllegalArgumentException("no PostgreSQL major version " + serverMajor);
        }
    }
}
