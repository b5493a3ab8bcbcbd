package io.pgcarry.move;

/**
 * An unfinished move found in a target's journal.
 *
 * @param run              the journal's run id
 * @param status           {@code preparing}, {@code copying} or {@code restoring}
 * @param startedAt        when it started, as ISO-8601 text (such as {@code 2026-11-30T09:15:02.5Z})
 * @param source           the redacted source URL
 * @param tables           tables being loaded
 * @param rangesDone       ranges copied and committed
 * @param rangesTotal      ranges in all
 * @param rowsCopied       rows in the committed ranges
 * @param setAside         foreign keys, indexes and triggers set aside and not yet fully restored
 */
public record MoveStatus(long run, String status, String startedAt, String source, int tables, long rangesDone,
                         long rangesTotal, long rowsCopied, long setAside) {
}
