package io.pgcarry.connect;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * A password or other secret. It prints as {@code ***} wherever it goes (string concatenation, logs, JSON,
 * records' {@code toString}), so no output path has to search text for it: only the code that hands it to
 * the driver, in this package, can read its value.
 */
public final class Secret {
    /** How every secret looks in output. */
    public static final String MASK = "***";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** The secret holding {@code value}, or null for a null or empty value (no password). */
    public static Secret of(String value) {
        return value == null || value.isEmpty() ? null : new Secret(value);
    }

    /** The value itself; package-private so that only connection code can reach it. */
    String reveal() {
        return value;
    }

    @Override
    @JsonValue
    public String toString() {
        return MASK;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && value.equals(secret.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }
}
