package io.pgcarry.move;

import java.time.OffsetDateTime;

/**
 * An unfinished move found in a target's journal.
 *
 * @param run              the journal's run id
 * @param status           {@code preparing}, {@code copying} or {@code restoring}
 * @param startedAt        when it started
 * @param source           the redacted source URL
 * @param tables           tables being loaded
 * @param rangesDone       ranges copied and committed
 * @param rangesTotal      ranges in all
 * @param rowsCopied       rows in the committed ranges
 * @param setAside         foreign keys, indexes and triggers set aside and not yet fully restored
 */
public record MoveStatus(long run, String status, OffsetDateTime startedAt, String source, int tables, long rangesDone,
                         long rangesTotal, long rowsCopied, long setAside) {
}
