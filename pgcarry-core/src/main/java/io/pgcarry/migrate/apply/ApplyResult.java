package io.pgcarry.migrate.apply;

import io.pgcarry.migrate.MigrationStatus;
import java.util.List;
import java.util.Objects;

/**
 * What {@code migrate apply} did.
 *
 * @param outcome           how it ended
 * @param status            {@code migrate status} as it stood before anything ran
 * @param ledger            the ledger table written (created when the tool had never run here), or null when nothing was written
 * @param lockTimeoutMillis the {@code lock_timeout} every statement ran under
 * @param retries           how many retries a lock timeout was allowed
 * @param plan              the pending migrations, in the order they run
 * @param runs              the files run, in order; the last one failed when {@link #outcome()} is {@code failed}
 * @param refusal           why nothing ran, when refused; else null
 */
public record ApplyResult(ApplyOutcome outcome, MigrationStatus status, String ledger, long lockTimeoutMillis, int retries,
                          List<FilePlan> plan, List<FileRun> runs, String refusal) {
    public ApplyResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(status, "status");
        plan = List.copyOf(plan);
        runs = List.copyOf(runs);
    }

    /** Whether it did what was asked: applied everything pending, or planned it. */
    public boolean succeeded() {
        return outcome == ApplyOutcome.APPLIED || outcome == ApplyOutcome.PLANNED;
    }

    /** How many files were applied and recorded. */
    public int applied() {
        return (int) runs.stream().filter(FileRun::applied).count();
    }
}
