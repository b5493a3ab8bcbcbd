package io.pgcarry.rehearse;

import io.pgcarry.rehearse.RehearsalResult.TimelineEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements of a rehearsal as measured and judged, with the lock timeline and the dead rows they left.
 *
 * @param statements    per statement, its result
 * @param timeline      the locks on existing tables, in time
 * @param deadRows      per table, rows updated or deleted
 * @param serverVersion the scratch server's version
 * @param tables        the tables there were before the migration
 * @param leftovers     what the migration left for a hand afterwards
 */
record Measured(List<StatementResult> statements, List<TimelineEntry> timeline, Map<String, Long> deadRows, String serverVersion,
                List<String> tables, Leftovers leftovers) {
    static Measured of(Rehearsal rehearsal, ProbeWaits waits, RehearseRequest request, String serverVersion, List<String> tables,
                       Leftovers leftovers) {
        List<StatementResult> results = new ArrayList<>();
        List<TimelineEntry> timeline = new ArrayList<>();
        List<Rehearsal.Run> runs = rehearsal.runs();
        for (int i = 0; i < runs.size(); i++) {
            Rehearsal.Run run = runs.get(i);
            StatementResult s = result(run);
            if (run.measurement() != null) {
                ProbeWait wait = waits == null ? null : waits.of(2 * i);
                s = s.with(wait, run.trial(), Verdicts.of(s, workFrom(runs, i)), Verdicts.overBudget(s, request.maxLock(), request.maxRewrite()));
                timeline.addAll(timeline(run.measurement(), rehearsal.firstStart(), i));
            }
            results.add(s);
        }
        return new Measured(results, timeline, rehearsal.deadRows(), serverVersion, tables, leftovers);
    }

    /**
     * Whether statement {@code i} or a later one of its file did work that grows with the data: in a file that runs in
     * one transaction, a lock taken only to change the catalog is held through that work too.
     */
    private static boolean workFrom(List<Rehearsal.Run> runs, int i) {
        Rehearsal.Run run = runs.get(i);
        if (!run.inTransaction()) {
            return true; // sampled: what it read is not known
        }
        if (!run.fileTransaction()) {
            return run.measurement().didWork();
        }
        for (int j = i; j < runs.size() && runs.get(j).file().equals(run.file()); j++) {
            if (runs.get(j).measurement() != null && runs.get(j).measurement().didWork()) {
                return true;
            }
        }
        return false;
    }

    private static StatementResult result(Rehearsal.Run run) {
        Measurement m = run.measurement();
        if (m == null) {
            return new StatementResult(run.file(), run.step().line(), run.step().shown(), run.inTransaction(), 0, List.of(), 0,
                    List.of(), 0, 0, 0, null, null, null, new Verdict(Verdict.Kind.NOT_RUN, "not run: an earlier statement failed"),
                    List.of(), null);
        }
        double heldUntilEnd = m.locks().stream().anyMatch(HeldLock::blocking) ? run.heldUntilFileEnd() : 0;
        return new StatementResult(run.file(), run.step().line(), run.step().shown(), run.inTransaction(), m.seconds(), m.locks(),
                heldUntilEnd, m.written(), m.walBytes(), m.scannedBlocks(), m.rowsWritten(), m.failure(), null, null,
                new Verdict(Verdict.Kind.SAFE, "safe"), List.of(), null);
    }

    /** Per table, the strongest lock the statement held on it or its indexes, from its start for as long as measured. */
    private static List<TimelineEntry> timeline(Measurement m, long firstStart, int index) {
        Map<String, HeldLock> perTable = new LinkedHashMap<>();
        m.locks().stream().filter(l -> !l.created()).forEach(l -> perTable.merge(l.table(), l,
                (a, b) -> b.mode().compareTo(a.mode()) > 0 ? b : a));
        double from = (m.startNanos() - firstStart) / 1e9;
        return perTable.values().stream().map(l -> new TimelineEntry(l.table(), l.mode(), from, from + l.heldSeconds(), index)).toList();
    }
}
