package io.pgcarry.rehearse;

import java.util.Locale;

/** Byte counts and durations as a report shows them: {@code 1.2 MB}, {@code 4.2 s}, {@code 35 ms}. */
public final class Sizes {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB"};

    private Sizes() {
    }

    public static String bytes(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    public static String seconds(double seconds) {
        return seconds < 1 ? Math.round(seconds * 1000) + " ms" : String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
