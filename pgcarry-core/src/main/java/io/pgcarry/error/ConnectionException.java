package io.pgcarry.error;

/** A server could not be reached, or refused the login. */
public class ConnectionException extends PgCarryException {
    public ConnectionException(String message, Throwable cause) {
        super(ErrorCode.CONNECTION, message, cause);
    }
}
