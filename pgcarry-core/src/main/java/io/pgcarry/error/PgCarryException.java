package io.pgcarry.error;

/**
 * The root of pgcarry's errors. The message is one line a user can act on: it names the thing at fault
 * and what to do, and never contains a password.
 */
public class PgCarryException extends RuntimeException {
    private final ErrorCode code;

    public PgCarryException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public PgCarryException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
