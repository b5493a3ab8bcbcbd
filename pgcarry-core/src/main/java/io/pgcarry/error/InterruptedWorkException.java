package io.pgcarry.error;

/** The user interrupted the work; what was done so far is left in a resumable state. */
public class InterruptedWorkException extends PgCarryException {
    public InterruptedWorkException(String message) {
        super(ErrorCode.INTERRUPTED, message);
    }
}
