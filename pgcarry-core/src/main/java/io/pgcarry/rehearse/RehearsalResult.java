package io.pgcarry.rehearse;

import io.pgcarry.lint.LintReport;
import io.pgcarry.lint.LockMode;
import java.util.List;

/**
 * What {@code pgcarry rehearse} found.
 *
 * @param on             the live database, redacted
 * @param scratch        the scratch database's name
 * @param scratchMethod  how it was made
 * @param scratchDropped whether it was dropped afterwards
 * @param serverVersion  the server's version
 * @param tool           the migration tool read, or {@code sql} for plain files
 * @param files          the migration files rehearsed, in order
 * @param statements     per statement, what it did; statements after a failure are NOT_RUN
 * @param timeline       per table, when each lock was held, for a timeline
 * @param leftovers      what it leaves behind
 * @param postState      the proof of the state after it, or null when not asked
 * @param probes         whether probe traffic ran
 * @param seconds        the whole rehearsal's time
 * @param passed         no statement failed or exceeded a budget
 * @param lint           what {@code pgcarry lint} predicted for the same files against the live database, read first;
 *                       each statement carries its part as {@code predicted}
 */
public record RehearsalResult(String on, String scratch, ScratchMethod scratchMethod, boolean scratchDropped, String serverVersion,
                              String tool, List<String> files, List<StatementResult> statements, List<TimelineEntry> timeline,
                              Leftovers leftovers, PostState postState, boolean probes, double seconds, boolean passed,
                              LintReport lint) {
    public RehearsalResult {
        files = List.copyOf(files);
        statements = List.copyOf(statements);
        timeline = List.copyOf(timeline);
    }

    /**
     * One lock in the timeline: seconds from the start of the migration.
     *
     * @param table  the table (an index's or TOAST table's lock counts for its table)
     * @param mode   the mode
     * @param from   when it was taken
     * @param to     when it was released
     * @param index  the statement's position in {@link #statements()}
     */
    public record TimelineEntry(String table, LockMode mode, double from, double to, int index) {
    }
}
