package io.pgcarry.lint;

import io.pgcarry.error.ConfigurationException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as people write them ({@code 10MB}, {@code 500kB}, {@code 2 GB}, {@code 4096}) and as reports show them. */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?b?)", Pattern.CASE_INSENSITIVE);
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB"};

    private ByteSize() {
    }

    /** The bytes {@code text} says, in units of 1024; refuses anything else, naming {@code option}. */
    public static long parse(String text, String option) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new ConfigurationException(option + " must be a size such as 10MB, 500kB or 1GB, got '" + text + "'");
        }
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        int power = unit.isEmpty() || unit.equals("b") ? 0 : "kmgt".indexOf(unit.charAt(0)) + 1;
        return Long.parseLong(m.group(1)) << (10 * power);
    }

    /** {@code 14.2 MB}, {@code 8.0 kB}, {@code 512 B}. */
    public static String show(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
