package io.pgcarry.error;

/** Bad input: a malformed URL, a missing variable or file, an unknown profile, a wrong mapping. */
public class ConfigurationException extends PgCarryException {
    public ConfigurationException(String message) {
        super(ErrorCode.CONFIGURATION, message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(ErrorCode.CONFIGURATION, message, cause);
    }
}
