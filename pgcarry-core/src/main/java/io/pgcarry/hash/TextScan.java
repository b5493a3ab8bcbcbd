package io.pgcarry.hash;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the bytes that matter in a text COPY row (the tab between fields, the backslash of an escape) eight bytes at a
 * time: most of a row's bytes are neither, and testing them one by one was most of the client's work in a backup.
 */
final class TextScan {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long TABS = 0x0909090909090909L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;

    private TextScan() {
    }

    /** The position of the first tab or backslash in {@code bytes} from {@code from} to {@code end}, or {@code end}. */
    static int tabOrBackslash(byte[] bytes, int from, int end) {
        int i = from;
        while (i + 8 <= end) {
            long word = (long) LONGS.get(bytes, i);
            long tabs = word ^ TABS;
            long backslashes = word ^ BACKSLASHES;
            // A byte that became zero sets its high bit here; the lowest such bit is exact (borrows only run upwards).
            long found = ((tabs - ONES) & ~tabs | (backslashes - ONES) & ~backslashes) & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += 8;
        }
        while (i < end && bytes[i] != '\t' && bytes[i] != '\\') {
            i++;
        }
        return i;
    }
}
