package io.pgcarry.rehearse;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;

/**
 * A statement's one-line verdict: {@code safe}, {@code blocks writes 4.2 s}, {@code rewrites 1.2 MB under ACCESS
 * EXCLUSIVE}, {@code fails on data: 3 rows (keys id=1, id=2, id=3)}.
 *
 * @param kind what it amounts to
 * @param text the line
 */
public record Verdict(Kind kind, String text) {
    public Verdict {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    /** What a statement amounts to for the application, worst last. */
    public enum Kind {
        SAFE, NOT_RUN, BLOCKS_WRITES, BLOCKS_READS_AND_WRITES, REWRITES, FAILS;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
