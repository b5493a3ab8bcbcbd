package io.pgcarry.rehearse;

/**
 * What the statement did, run again on the scratch database under {@code lock_timeout} while another session held
 * ACCESS SHARE on its tables (a long-running reader), and rolled back.
 *
 * @param lockTimeoutSeconds the lock_timeout set
 * @param outcome            what happened
 * @param seconds            how long it took to happen
 * @param detail             the error when it failed for another reason, else null
 */
public record TimeoutTrial(double lockTimeoutSeconds, Outcome outcome, double seconds, String detail) {
    /** How the trial ended. */
    public enum Outcome {
        /** It waited for the reader and gave up at lock_timeout: the migration fails instead of queueing queries. */
        TIMED_OUT,
        /** It did not wait for the reader. */
        DID_NOT_WAIT,
        /** It failed for another reason before or without waiting (the object it changes is gone by now...). */
        INCONCLUSIVE
    }
}
