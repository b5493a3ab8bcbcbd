package io.pgcarry.migrate.apply;

import java.util.List;
import java.util.Objects;

/**
 * One migration file as it ran.
 *
 * @param version       its version
 * @param name          its name
 * @param file          its file, relative to the migration directory
 * @param mode          in one transaction, or statement by statement
 * @param statementsRun how many of its statements ran (and stay, unless it failed in one transaction)
 * @param millis        how long it took, lock waits and retries included
 * @param lockWaits     each lock timeout met and waited out, in order
 * @param invalidIndexes the INVALID indexes failed concurrent builds left, and whether they were dropped
 * @param failure       why it stopped, or null when it was applied
 */
public record FileRun(String version, String name, String file, TransactionMode mode, int statementsRun, long millis,
                      List<LockWait> lockWaits, List<String> invalidIndexes, FileFailure failure) {
    public FileRun {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(mode, "mode");
        lockWaits = List.copyOf(lockWaits);
        invalidIndexes = List.copyOf(invalidIndexes);
    }

    /** Whether it was applied and recorded. */
    public boolean applied() {
        return failure == null;
    }
}
