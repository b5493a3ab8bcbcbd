package io.pgcarry.migrate.apply;

/**
 * One lock timeout met and waited out: how long the statement waited for its lock before {@code lock_timeout} stopped
 * it, and how long pgcarry then waited before trying again.
 *
 * @param attempt       the attempt that timed out, from 1
 * @param line          the line of the statement that waited, or 0 for pgcarry's own ledger statement
 * @param waitedMillis  how long that statement ran before the timeout, as measured
 * @param backoffMillis how long pgcarry waited before the next attempt
 */
public record LockWait(int attempt, int line, long waitedMillis, long backoffMillis) {
}
