package io.pgcarry.copy;

import io.pgcarry.catalog.QualifiedName;

/** Receives the progress of a move; called from worker threads, so implementations must be thread-safe. */
public interface CopyProgress {
    /** A phase begins: "checking", "copying", "indexes", "foreign keys", "validating"... */
    default void phase(String name) {
    }

    /** The copy is about to start: totals as estimated by the planner. */
    default void copyStarting(long estimatedRows, long estimatedBytes) {
    }

    /** Some rows streamed (called often; cheap implementations only). */
    default void streamed(QualifiedName table, long rows, long bytes) {
    }

    /** A whole table finished: all its ranges committed. */
    default void tableCopied(QualifiedName table, long rows, long bytes, double seconds) {
    }

    /** A step waits for a lock another session holds (after 2 s, then every 10 s), or has stopped waiting. */
    default void lockWait(LockWait wait) {
    }

    CopyProgress NONE = new CopyProgress() {
    };
}
