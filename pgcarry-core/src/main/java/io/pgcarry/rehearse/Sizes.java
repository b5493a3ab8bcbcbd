package io.pgcarry.rehearse;

import io.pgcarry.lint.ByteSize;
import java.util.Locale;

/** Byte counts and durations as a report shows them: {@code 1.2 MB}, {@code 4.2 s}, {@code 35 ms}. */
public final class Sizes {
    private Sizes() {
    }

    public static String bytes(long bytes) {
        return ByteSize.show(bytes);
    }

    public static String seconds(double seconds) {
        return seconds < 1 ? Math.round(seconds * 1000) + " ms" : String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
