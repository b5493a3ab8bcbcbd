package io.pgcarry.cli;

import io.pgcarry.rehearse.HeldLock;
import io.pgcarry.rehearse.Leftovers;
import io.pgcarry.rehearse.PostState;
import io.pgcarry.rehearse.RehearsalResult;
import io.pgcarry.rehearse.Sizes;
import io.pgcarry.rehearse.StatementResult;
import io.pgcarry.rehearse.TimeoutTrial;
import io.pgcarry.rehearse.Verdict;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Human-readable rendering of {@code rehearse}: one row per statement, then what it leaves behind and the proof. */
final class RehearseReports {
    private static final String ROW = "%-24s %-38s %8s  %-44s %9s %9s %9s  %s";

    private RehearseReports() {
    }

    static String text(RehearsalResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("rehearsal of ").append(r.files().size()).append(" file(s) (").append(r.tool()).append(") of ").append(r.on()).append('\n');
        sb.append("scratch:   ").append(r.scratch()).append(" (").append(r.scratchMethod().label()).append(", PostgreSQL ")
                .append(r.serverVersion()).append(r.scratchDropped() ? "), dropped afterwards\n\n" : "), kept\n\n");
        sb.append(String.format(Locale.ROOT, ROW, "file:line", "statement", "time", "strongest lock (held)", "rewrite", "WAL",
                r.probes() ? "probe" : "", "verdict")).append('\n');
        r.statements().forEach(s -> statement(sb, s));
        leftovers(sb, r.leftovers());
        proof(sb, r.postState());
        return sb.append('\n').append(summary(r)).toString();
    }

    private static void statement(StringBuilder sb, StatementResult s) {
        String lock = s.strongest().map(RehearseReports::lock).orElse("-");
        String probe = s.probeWait() == null ? "" : Sizes.seconds(s.probeWait().seconds());
        sb.append(String.format(Locale.ROOT, ROW, cutLeft(s.location(), 24), cut(s.statement(), 38),
                s.verdict().kind() == Verdict.Kind.NOT_RUN ? "-" : Sizes.seconds(s.seconds()), cut(lock, 44),
                s.rewrittenBytes() == 0 ? "-" : Sizes.bytes(s.rewrittenBytes()), Sizes.bytes(s.walBytes()), probe, s.verdict()))
                .append('\n');
        if (s.probeWait() != null) {
            sb.append("    a probe ").append(s.probeWait().probe()).append(" of ").append(s.probeWait().table()).append(" waited ")
                    .append(Sizes.seconds(s.probeWait().seconds())).append(" for this statement\n");
        }
        if (s.heldUntilFileEndSeconds() > s.strongest().map(HeldLock::heldSeconds).orElse(0.0) + 0.001) {
            sb.append("    under migrate apply the file runs in one transaction: this lock is held until it commits, ")
                    .append(Sizes.seconds(s.heldUntilFileEndSeconds())).append('\n');
        }
        s.strongest().filter(l -> l.mode().strong() && !l.created()).ifPresent(l -> sb.append("    ").append(queueing(l, s.trial())).append('\n'));
        s.overBudget().forEach(o -> sb.append("    OVER BUDGET: ").append(o).append('\n'));
        if (s.predicted() != null) {
            sb.append("    lint predicted: ").append(s.predicted().isEmpty() ? "nothing" : String.join("; ", s.predicted())).append('\n');
        }
    }

    private static String lock(HeldLock l) {
        return l.mode().label() + " " + l.relation() + " (" + Sizes.seconds(l.heldSeconds()) + ")";
    }

    /** What happens when the table is busy: it waits, and everything that conflicts queues behind it. */
    static String queueing(HeldLock l, TimeoutTrial trial) {
        String waits = l.mode().blocksReads() ? "waits for every open transaction on " + l.table() + ", readers included, and queues "
                + "all its queries behind it meanwhile" : "waits for open writing transactions on " + l.table() + " and queues its writes "
                + "behind it meanwhile";
        if (trial == null) {
            return waits + "; run it with a lock_timeout";
        }
        String limit = Sizes.seconds(trial.lockTimeoutSeconds());
        return switch (trial.outcome()) {
            case TIMED_OUT -> "with a reader holding ACCESS SHARE it waited and failed after " + Sizes.seconds(trial.seconds())
                    + " under lock_timeout " + limit + " instead of queueing queries behind it";
            case DID_NOT_WAIT -> "with a reader holding ACCESS SHARE it did not wait (lock_timeout " + limit + ")";
            case INCONCLUSIVE -> waits + "; the lock_timeout trial could not tell: " + trial.detail();
        };
    }

    private static void leftovers(StringBuilder sb, Leftovers l) {
        if (l.none()) {
            sb.append("\nleft behind: nothing (no INVALID index, no NOT VALID constraint, no dead rows)\n");
            return;
        }
        sb.append("\nleft behind:\n");
        l.invalidIndexes().forEach(i -> sb.append("  INVALID index ").append(i).append(" (drop it with DROP INDEX CONCURRENTLY)\n"));
        l.notValid().forEach(k -> sb.append("  NOT VALID constraint ").append(k).append(" (VALIDATE CONSTRAINT it later)\n"));
        for (Map.Entry<String, Long> e : l.deadRows().entrySet()) {
            sb.append("  ").append(e.getValue()).append(" dead rows in ").append(e.getKey()).append(" (until vacuum)\n");
        }
    }

    private static void proof(StringBuilder sb, PostState p) {
        if (p == null) {
            return;
        }
        sb.append("\nschema changes (").append(p.schemaChanges().size()).append("):\n");
        p.schemaChanges().forEach(c -> sb.append("  ").append(c).append('\n'));
        sb.append("untouched tables: ").append(p.untouchedTables()).append(" compared with --on by content hash, ")
                .append(p.untouchedChanged().isEmpty() ? "all equal" : "CHANGED: " + String.join(", ", p.untouchedChanged())).append('\n');
    }

    private static String summary(RehearsalResult r) {
        List<StatementResult> s = r.statements();
        long failed = s.stream().filter(x -> x.failure() != null).count();
        long over = s.stream().filter(x -> !x.overBudget().isEmpty()).count();
        long unsafe = s.stream().filter(x -> x.verdict().kind().compareTo(Verdict.Kind.BLOCKS_WRITES) >= 0 && x.failure() == null).count();
        String lint = r.lint() == null ? "" : "; lint predicted " + r.lint().errors() + " error(s), " + r.lint().warnings()
                + " warning(s) (pgcarry lint --to for the details)";
        return "rehearse: " + (r.passed() ? "OK" : "FAILED") + " - " + s.size() + " statements, " + unsafe + " blocking, " + failed
                + " failed, " + over + " over budget (" + Sizes.seconds(r.seconds()) + ")" + lint;
    }

    /** The end of a path, which names the file: {@code ...migrations/002_index.sql:3}. */
    private static String cutLeft(String text, int width) {
        return text.length() <= width ? text : "..." + text.substring(text.length() - width + 3);
    }

    private static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 3) + "...";
    }
}
