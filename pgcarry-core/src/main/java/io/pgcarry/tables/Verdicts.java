package io.pgcarry.tables;

import io.pgcarry.report.Counts;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges how much a table is in use from what was observed: writes beat scans, scans beat references, and a table
 * with none of them is unused. Every piece of evidence found becomes a reason, also those weaker than the verdict, so
 * that a person deciding to drop a table sees all of it.
 */
public final class Verdicts {
    private Verdicts() {
    }

    /** A verdict with its reasons. */
    public record Judgement(Verdict verdict, List<String> reasons) {
        public Judgement {
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * @param since          how the counts are dated, for the reasons: {@code since the statistics reset}
     * @param foreignKeysIn  foreign keys into the table (self-references are listed, never counted as use)
     */
    public static Judgement judge(Activity activity, List<ForeignKeyLink> foreignKeysIn, List<Dependent> dependents, String since) {
        List<String> reasons = new ArrayList<>();
        if (activity.writes() > 0) {
            reasons.add("written: " + Counts.of(activity.inserted(), "row") + " inserted, " + activity.updated() + " updated, "
                    + activity.deleted() + " deleted " + since);
        }
        if (activity.scans() > 0) {
            reasons.add("read: " + Counts.of(activity.seqScans(), "sequential scan") + ", " + Counts.of(activity.idxScans(), "index scan")
                    + " " + since + (activity.lastScan() == null ? "" : ", the last at " + activity.lastScan()));
        }
        int references = reasons.size();
        foreignKeysIn.stream().filter(k -> !k.selfReference())
                .forEach(k -> reasons.add("referenced by foreign key " + k.constraint()));
        dependents.forEach(d -> reasons.add(reason(d)));
        boolean referenced = reasons.size() > references;
        Verdict verdict = activity.writes() > 0 ? Verdict.WRITTEN : activity.scans() > 0 ? Verdict.READ
                : referenced ? Verdict.REFERENCED : Verdict.UNUSED;
        if (verdict == Verdict.UNUSED) {
            reasons.add("no writes and no scans " + since + "; no foreign key from another table; no view, rule, trigger, "
                    + "function or policy uses it");
        }
        return new Judgement(verdict, reasons);
    }

    private static String reason(Dependent d) {
        String callers = d.calledBy().isEmpty() ? "" : ", called by trigger " + String.join(", trigger ", d.calledBy());
        return switch (d.evidence()) {
            case CATALOG -> "used by " + d.kind().label() + " " + d.object() + callers + " (pg_depend)";
            case FUNCTION_BODY -> "mentioned in the body of " + d.kind().label() + " " + d.object() + callers
                    + " (weaker evidence: its name occurs in the text)";
        };
    }
}
