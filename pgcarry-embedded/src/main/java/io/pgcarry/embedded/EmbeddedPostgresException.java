package io.pgcarry.embedded;

/** An embedded server could not be found, extracted, started or stopped; the message says what to do. */
public class EmbeddedPostgresException extends RuntimeException {
    public EmbeddedPostgresException(String message) {
        super(message);
    }

    public EmbeddedPostgresException(String message, Throwable cause) {
        super(message, cause);
    }
}
