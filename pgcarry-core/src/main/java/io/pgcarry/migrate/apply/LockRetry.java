package io.pgcarry.migrate.apply;

import io.pgcarry.error.InterruptedWorkException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tries a piece of a migration again after a lock timeout (or a deadlock), waiting longer each time: the back-off, then
 * twice that, and so on, up to the retries allowed. Remembers each wait for the report.
 */
final class LockRetry {
    /** The longest single back-off. */
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    /** One try of the piece. */
    @FunctionalInterface
    interface Attempt<T> {
        T run() throws StepFailure;
    }

    /** What to do between a failed try and the next, such as dropping the INVALID index it left. */
    @FunctionalInterface
    interface Cleanup {
        void after(StepFailure failure) throws StepFailure;
    }

    private final int retries;
    private final long backoffMillis;
    private final ApplyProgress progress;
    private final String what;
    private final List<LockWait> waits = new ArrayList<>();

    LockRetry(int retries, Duration backoff, ApplyProgress progress, String what) {
        this.retries = retries;
        this.backoffMillis = backoff.toMillis();
        this.progress = progress;
        this.what = what;
    }

    /** Runs {@code attempt} until it succeeds, fails otherwise than on a lock, or has been retried {@code retries} times. */
    <T> T run(Attempt<T> attempt, Cleanup cleanup) throws StepFailure {
        for (int tried = 1; ; tried++) {
            try {
                return attempt.run();
            } catch (StepFailure f) {
                cleanup.after(f);
                if (!f.lockProblem() || tried > retries) {
                    throw f;
                }
                long backoff = Math.min(MAX_BACKOFF_MILLIS, backoffMillis << Math.min(tried - 1, 20));
                waits.add(new LockWait(tried, f.line(), f.waitedMillis(), backoff));
                progress.note(String.format(Locale.ROOT, "%s: %s after %s at %s; retry %d of %d in %s", what,
                        "40P01".equals(f.sqlException().getSQLState()) ? "deadlock" : "lock timeout", seconds(f.waitedMillis()),
                        f.line() == 0 ? f.statement() : "line " + f.line(), tried, retries, seconds(backoff)));
                sleep(backoff);
            }
        }
    }

    <T> T run(Attempt<T> attempt) throws StepFailure {
        return run(attempt, f -> { });
    }

    List<LockWait> waits() {
        return List.copyOf(waits);
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedWorkException("interrupted while waiting to retry " + what + " after a lock timeout");
        }
    }
}
