package io.pgcarry.cli;

import io.pgcarry.error.ConfigurationException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a span of time as PostgreSQL's settings take it: a number with ms, s, min or h (a bare number is milliseconds). */
final class TimeSpans {
    private static final Pattern SPAN = Pattern.compile("(\\d+)\\s*(ms|s|min|h)?");

    private TimeSpans() {
    }

    static Duration parse(String text, String option) {
        Matcher m = SPAN.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ConfigurationException(option + " takes a time such as 500ms, 30s or 2min, got '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        Duration span = switch (unit) {
            case "s" -> Duration.ofSeconds(amount);
            case "min" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofMillis(amount);
        };
        if (span.isZero()) {
            throw new ConfigurationException(option + " must be more than 0; leave it out to wait as long as it takes");
        }
        return span;
    }
}
