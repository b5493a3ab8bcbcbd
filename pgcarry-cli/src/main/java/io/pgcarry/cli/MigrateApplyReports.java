package io.pgcarry.cli;

import io.pgcarry.migrate.apply.ApplyOutcome;
import io.pgcarry.migrate.apply.ApplyResult;
import io.pgcarry.migrate.apply.FileFailure;
import io.pgcarry.migrate.apply.FilePlan;
import io.pgcarry.migrate.apply.FileRun;
import io.pgcarry.migrate.apply.LockWait;
import io.pgcarry.migrate.apply.StatementHazard;
import io.pgcarry.report.Counts;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Human-readable rendering of {@code migrate apply}. */
final class MigrateApplyReports {
    private MigrateApplyReports() {
    }

    static String text(ApplyResult r) {
        if (r.outcome() == ApplyOutcome.REFUSED) {
            return MigrateReports.status(r.status()) + "\n\nmigrate apply: REFUSED - " + r.refusal();
        }
        StringBuilder sb = new StringBuilder();
        sb.append("tool:      ").append(r.status().tool()).append(" (").append(r.status().detectedBy()).append(")\n");
        sb.append("directory: ").append(r.status().directory()).append('\n');
        sb.append("ledger:    ").append(r.ledger() == null ? "none yet (created on the first apply)" : r.ledger()).append("\n\n");
        if (r.outcome() == ApplyOutcome.PLANNED) {
            return sb.append(plan(r.plan())).append("\nmigrate apply: DRY RUN - ")
                    .append(Counts.of(r.plan().size(), "migration")).append(" to apply; nothing was written").toString();
        }
        if (r.plan().isEmpty()) {
            return sb.append("migrate apply: OK - nothing to apply (").append(Counts.of(r.status().migrations().size(), "migration"))
                    .append(" applied already)").toString();
        }
        sb.append(runs(r.runs()));
        String settings = " (lock_timeout " + r.lockTimeoutMillis() + "ms, up to " + r.retries() + " retries on a lock timeout)";
        if (r.outcome() == ApplyOutcome.APPLIED) {
            return sb.append("\nmigrate apply: OK - ").append(Counts.of(r.applied(), "migration")).append(" applied").append(settings)
                    .toString();
        }
        int notRun = r.plan().size() - r.runs().size();
        return sb.append("\nmigrate apply: FAILED - ").append(r.applied()).append(" applied, 1 failed, ").append(notRun)
                .append(" not run").append(settings).toString();
    }

    private static String plan(List<FilePlan> plan) {
        if (plan.isEmpty()) {
            return "nothing to apply\n";
        }
        StringBuilder sb = new StringBuilder();
        int width = plan.stream().mapToInt(p -> p.file().length()).max().orElse(4);
        for (FilePlan p : plan) {
            sb.append(String.format(Locale.ROOT, "%-" + width + "s  %-22s  %s", p.file(), p.mode(), statements(p.statements())));
            if (p.note() != null) {
                sb.append("  (").append(p.note()).append(')');
            }
            sb.append('\n');
            for (StatementHazard h : p.hazards()) {
                sb.append("    line ").append(h.line()).append(": ").append(String.join("; ", h.hazards())).append("  -- ")
                        .append(h.statement()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String runs(List<FileRun> runs) {
        StringBuilder sb = new StringBuilder();
        int width = runs.stream().mapToInt(r -> r.file().length()).max().orElse(4);
        for (FileRun r : runs) {
            sb.append(String.format(Locale.ROOT, "%-" + width + "s  %-22s  %-14s  ", r.file(), r.mode(), statements(r.statementsRun())));
            sb.append(r.applied() ? "applied in " + seconds(r.millis()) : "FAILED at " + where(r.failure()) + ": " + r.failure().error());
            if (!r.lockWaits().isEmpty()) {
                sb.append("; ").append(waits(r.lockWaits()));
            }
            sb.append('\n');
            r.invalidIndexes().forEach(i -> sb.append("    index left by a failed concurrent build: ").append(i).append('\n'));
            if (!r.applied()) {
                sb.append(failure(r.failure()));
            }
        }
        return sb.toString();
    }

    /** {@code 2 lock timeouts: waited 2.0 s at line 1, retried after 0.5 s; ...}. */
    static String waits(List<LockWait> waits) {
        return waits.size() + (waits.size() == 1 ? " lock timeout: " : " lock timeouts: ") + waits.stream()
                .map(w -> "waited " + seconds(w.waitedMillis()) + (w.line() == 0 ? "" : " at line " + w.line()) + ", retried after "
                        + seconds(w.backoffMillis()))
                .collect(Collectors.joining("; "));
    }

    private static String failure(FileFailure f) {
        StringBuilder sb = new StringBuilder();
        sb.append("    statement: ").append(f.statement()).append('\n');
        if (f.rolledBack()) {
            sb.append("    rolled back: nothing of the file stays\n");
        } else {
            sb.append("    ran and stay: ").append(f.ran().isEmpty() ? "none" : "").append('\n');
            f.ran().forEach(s -> sb.append("      ").append(s).append('\n'));
        }
        sb.append("    ledger: ").append(f.ledger()).append('\n');
        return sb.toString();
    }

    private static String where(FileFailure f) {
        return f.line() == 0 ? f.statement() : "line " + f.line();
    }

    private static String statements(int n) {
        return n + (n == 1 ? " statement" : " statements");
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
