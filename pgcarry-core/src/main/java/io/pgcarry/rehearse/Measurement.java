package io.pgcarry.rehearse;

import java.util.List;
import java.util.Map;

/**
 * What {@link StatementMeter} measured of one statement, before it is judged.
 *
 * @param startNanos    when it was sent ({@link System#nanoTime()})
 * @param endNanos      when it returned
 * @param commitNanos   when its transaction committed or rolled back (its locks released)
 * @param locks         its locks
 * @param written       the relations it rewrote or built
 * @param walBytes      WAL written
 * @param scannedBlocks table blocks read
 * @param rowsWritten   rows inserted, updated or deleted in existing tables
 * @param deadRows      per table, the dead row versions it left (updated or deleted rows)
 * @param failure       why it failed, or null
 */
record Measurement(long startNanos, long endNanos, long commitNanos, List<HeldLock> locks, List<Written> written, long walBytes,
                   long scannedBlocks, long rowsWritten, Map<String, Long> deadRows, Failure failure) {
    Measurement {
        locks = List.copyOf(locks);
        written = List.copyOf(written);
        deadRows = Map.copyOf(deadRows);
    }

    /** Whether it did work that grows with the data: read table blocks, wrote rows, rewrote or built a relation. */
    boolean didWork() {
        return scannedBlocks > 0 || rowsWritten > 0 || !written.isEmpty();
    }

    double seconds() {
        return (endNanos - startNanos) / 1e9;
    }
}
