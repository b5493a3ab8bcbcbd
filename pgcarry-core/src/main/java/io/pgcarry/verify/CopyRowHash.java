package io.pgcarry.verify;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The row hash of {@link ContentHash}, {@code hashtext(ROW(columns)::text)}, computed from a row of a text-format
 * COPY instead of on the server. COPY and a row constructor print each value with the same output function and
 * only frame them differently: COPY separates values with tabs, writes NULL as {@code \N} and escapes control
 * characters and backslashes with backslashes; a row's text wraps the values in parentheses, separates them with
 * commas, leaves NULL empty, and double-quotes a value that is empty or holds a quote, backslash, parenthesis, comma
 * or white space (doubling quotes and backslashes inside). This class undoes the one framing and applies the other
 * in one pass over the row, then hashes the result with {@link TextHash}.
 * <p>
 * Valid only when the COPY bytes are the server's own bytes, that is when the database encoding is UTF8 (pgjdbc
 * always reads COPY in UTF8); see {@link #appliesTo(String)}. Not thread-safe: one instance per reader.
 */
public final class CopyRowHash {
    /**
     * What a byte is to the framing: copied as it is (PLAIN), copied and making the value need quotes (QUOTE: white
     * space, comma, parentheses), copied twice and needing quotes (DOUBLE: the double quote), the start of an escape
     * (ESCAPE), or the tab that ends a COPY field (SEPARATOR). PLAIN and QUOTE are 0 and 1, so the common case is
     * one table lookup and an OR, without a branch per kind.
     */
    private static final byte[] KIND = new byte[256];
    private static final int PLAIN = 0;
    private static final int QUOTE = 1;
    private static final int DOUBLE = 2;
    private static final int ESCAPE = 3;
    private static final int SEPARATOR = 4;
    /** The bytes record_out quotes a value for: quote, backslash, parentheses, comma and C white space. */
    private static final boolean[] NEEDS_QUOTES = new boolean[256];

    static {
        for (char c : new char[] {'"', '\\', '(', ')', ',', ' ', '\t', '\n', 0x0b, '\f', '\r'}) {
            NEEDS_QUOTES[c] = true;
            KIND[c] = QUOTE;
        }
        KIND['"'] = DOUBLE;
        KIND['\\'] = ESCAPE;
        KIND['\t'] = SEPARATOR;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private byte[] record = new byte[1024];
    /** Where {@link #appendField} left the record: its second result, kept here to avoid an allocation per value. */
    private int recordEnd;

    /** Whether client-side hashing gives the server's result for a database of this encoding. */
    public static boolean appliesTo(String serverEncoding) {
        return "UTF8".equalsIgnoreCase(serverEncoding);
    }

    /**
     * The hash of the first {@code columns} values of a COPY text row (bytes {@code [0, length)}, with or without its
     * final newline). A table without columns hashes as the empty string, as {@link ContentHash} does.
     */
    public int hash(byte[] row, int length, int columns) {
        if (columns == 0) {
            return TextHash.of(row, 0, 0);
        }
        int end = length > 0 && row[length - 1] == '\n' ? length - 1 : length;
        // Each value at most doubles (quotes and backslashes doubled), plus its two quotes and a comma, plus the
        // eight bytes a word copy may write past the value.
        int needed = 2 * end + 3 * columns + 2 + 8;
        if (record.length < needed) {
            record = Arrays.copyOf(record, Math.max(needed, record.length * 2));
        }
        recordEnd = 0;
        record[recordEnd++] = '(';
        int at = 0;
        for (int column = 0; column < columns; column++) {
            if (column > 0) {
                record[recordEnd++] = ',';
            }
            at = appendField(row, at, end);
        }
        record[recordEnd++] = ')';
        return TextHash.of(record, 0, recordEnd);
    }

    /**
     * Appends the COPY field that starts at {@code at} to the record, decoding escapes as it goes. The value is written
     * after a place kept for an opening quote, with quotes and backslashes doubled (a value that holds either is
     * quoted anyway); the place is dropped when the value needs no quotes. Runs of eight bytes without a control
     * character, quote or backslash are copied as one word. Returns where the next field starts.
     */
    private int appendField(byte[] row, int at, int end) {
        byte[] r = record;
        int start = recordEnd;
        if (end - at >= 2 && row[at] == '\\' && row[at + 1] == 'N' && (end - at == 2 || row[at + 2] == '\t')) {
            return at + 3; // NULL: nothing between the commas
        }
        int o = start + 1;
        int quote = 0;
        int i = at;
        while (i < end) {
            if (i + 8 <= end) {
                long word = (long) LONGS.get(row, i);
                if (!anyByteBelow(word, '\r' + 1) && !anyByte(word, '\\') && !anyByte(word, '"')) {
                    LONGS.set(r, o, word);
                    if (anyByte(word, ' ') || anyByte(word, ',') || anyByte(word | ONES, ')')) {
                        quote = 1;
                    }
                    i += 8;
                    o += 8;
                    continue;
                }
            }
            // A byte at a time up to the end of this word, which holds a tab or another control character, a quote or
            // a backslash (or is the last, shorter than a word).
            for (int stop = Math.min(end, i + 8); i < stop; i++) {
                byte b = row[i];
                int kind = KIND[b & 0xff];
                if (kind <= QUOTE) {
                    r[o++] = b;
                    quote |= kind;
                    continue;
                }
                if (kind == SEPARATOR) {
                    return close(r, start, o, quote != 0 || i == at, i + 1);
                }
                if (kind == ESCAPE && i + 1 < end) {
                    int decoded = unescape(row, i + 1, end);
                    i = decoded >>> 8;
                    b = (byte) decoded;
                    if (!NEEDS_QUOTES[b & 0xff]) {
                        r[o++] = b;
                        continue;
                    }
                }
                quote = 1;
                if (b == '"' || b == '\\') {
                    r[o++] = b;
                }
                r[o++] = b;
            }
        }
        return close(r, start, o, quote != 0 || i == at, i + 1);
    }

    /** Ends a value written at {@code start + 1 .. o}: quoted in place, or moved back over the place kept for it. */
    private int close(byte[] r, int start, int o, boolean quoted, int next) {
        if (quoted) {
            r[start] = '"';
            r[o++] = '"';
            recordEnd = o;
        } else {
            System.arraycopy(r, start + 1, r, start, o - start - 1);
            recordEnd = o - 1;
        }
        return next;
    }

    /** Whether any byte of the word equals {@code b}; exact, as a question about the whole word. */
    private static boolean anyByte(long word, int b) {
        long x = word ^ (ONES * b);
        return ((x - ONES) & ~x & HIGHS) != 0;
    }

    /** Whether any byte of the word is below {@code limit} (at most 128); exact, as a question about the whole word. */
    private static boolean anyByteBelow(long word, int limit) {
        return ((word - ONES * limit) & ~word & HIGHS) != 0;
    }

    /**
     * Decodes the escape whose letter is at {@code at} (COPY's {@code \b \f \n \r \t \v}, octal {@code \NNN}, hex
     * {@code \xNN}, or any other byte standing for itself). Returns the index of its last byte shifted left by 8, with
     * the decoded byte in the low 8 bits.
     */
    private static int unescape(byte[] row, int at, int end) {
        byte b = row[at];
        int last = at;
        int code;
        switch (b) {
            case 'b' -> code = '\b';
            case 'f' -> code = '\f';
            case 'n' -> code = '\n';
            case 'r' -> code = '\r';
            case 't' -> code = '\t';
            case 'v' -> code = 0x0b;
            case 'x' -> {
                code = 0;
                int digits = 0;
                while (digits < 2 && last + 1 < end && hex(row[last + 1]) >= 0) {
                    code = code * 16 + hex(row[++last]);
                    digits++;
                }
                if (digits == 0) {
                    code = 'x';
                }
            }
            default -> {
                code = b & 0xff;
                if (b >= '0' && b <= '7') {
                    code = b - '0';
                    for (int digits = 1; digits < 3 && last + 1 < end && row[last + 1] >= '0' && row[last + 1] <= '7'; digits++) {
                        code = code * 8 + (row[++last] - '0');
                    }
                }
            }
        }
        return last << 8 | (code & 0xff);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
