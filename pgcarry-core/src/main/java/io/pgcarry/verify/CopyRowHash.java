package io.pgcarry.verify;

import java.util.Arrays;

/**
 * The row hash of {@link ContentHash}, {@code hashtext(ROW(columns)::text)}, computed from a row of a text-format
 * COPY instead of on the server. COPY and a row constructor print each value with the same output function and
 * only frame them differently: COPY separates values with tabs, writes NULL as {@code \N} and escapes control
 * characters with backslashes; a row's text wraps the values in parentheses, separates them with commas, leaves
 * NULL empty, and double-quotes a value that is empty or holds a quote, backslash, parenthesis, comma or white space
 * (doubling quotes and backslashes inside). This class undoes the one framing and applies the other, then hashes.
 * <p>
 * Valid only when the COPY bytes are the server's own bytes, that is when the database encoding is UTF8 (pgjdbc
 * always reads COPY in UTF8); see {@link #appliesTo(String)}. Not thread-safe: one instance per reader.
 */
public final class CopyRowHash {
    /** The bytes record_out quotes a value for: quote, backslash, parentheses, comma and C white space. */
    private static final boolean[] NEEDS_QUOTES = new boolean[256];

    static {
        for (char c : new char[] {'"', '\\', '(', ')', ',', ' ', '\t', '\n', 0x0b, '\f', '\r'}) {
            NEEDS_QUOTES[c] = true;
        }
    }

    private byte[] record = new byte[1024];
    private byte[] value = new byte[256];

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
        int out = 0;
        ensureRecord(2);
        record[out++] = '(';
        int at = 0;
        for (int column = 0; column < columns; column++) {
            if (column > 0) {
                ensureRecord(out + 1);
                record[out++] = ',';
            }
            // One pass finds the field's end and whether it has escapes or bytes that need quoting.
            int stop = at;
            boolean escaped = false;
            boolean quote = false;
            boolean doubled = false;
            for (byte b; stop < end && (b = row[stop]) != '\t'; stop++) {
                if (NEEDS_QUOTES[b & 0xff]) {
                    quote = true;
                    escaped |= b == '\\';
                    doubled |= b == '"';
                }
            }
            if (!(stop - at == 2 && row[at] == '\\' && row[at + 1] == 'N')) {
                out = escaped ? appendEscaped(row, at, stop, out) : appendValue(row, at, stop - at, quote || stop == at, doubled, out);
            }
            at = stop + 1;
        }
        ensureRecord(out + 1);
        record[out++] = ')';
        return TextHash.of(record, 0, out);
    }

    /** Appends a field with backslash escapes: decoded first, then appended like any other value. */
    private int appendEscaped(byte[] row, int from, int to, int out) {
        int length = decode(row, from, to);
        boolean quote = length == 0;
        boolean doubled = false;
        for (int i = 0; i < length; i++) {
            if (NEEDS_QUOTES[value[i] & 0xff]) {
                quote = true;
                doubled |= value[i] == '"' || value[i] == '\\';
            }
        }
        return appendValue(value, 0, length, quote, doubled, out);
    }

    /** Appends a value to the record, in double quotes when record_out would quote it, doubling quotes and backslashes. */
    private int appendValue(byte[] source, int start, int length, boolean quote, boolean doubled, int out) {
        if (!quote) {
            ensureRecord(out + length);
            System.arraycopy(source, start, record, out, length);
            return out + length;
        }
        ensureRecord(out + 2 * length + 2);
        record[out++] = '"';
        if (!doubled) {
            System.arraycopy(source, start, record, out, length);
            out += length;
        } else {
            for (int i = start; i < start + length; i++) {
                byte b = source[i];
                if (b == '"' || b == '\\') {
                    record[out++] = b;
                }
                record[out++] = b;
            }
        }
        record[out++] = '"';
        return out;
    }

    /** Undoes COPY's backslash escapes of one field into {@link #value}; returns the value's length. */
    private int decode(byte[] row, int from, int to) {
        if (value.length < to - from) {
            value = new byte[Math.max(to - from, value.length * 2)];
        }
        int length = 0;
        for (int i = from; i < to; i++) {
            byte b = row[i];
            if (b == '\\' && i + 1 < to) {
                b = row[++i];
                switch (b) {
                    case 'b' -> b = '\b';
                    case 'f' -> b = '\f';
                    case 'n' -> b = '\n';
                    case 'r' -> b = '\r';
                    case 't' -> b = '\t';
                    case 'v' -> b = 0x0b;
                    case 'x' -> {
                        int code = 0;
                        int digits = 0;
                        while (digits < 2 && i + 1 < to && hex(row[i + 1]) >= 0) {
                            code = code * 16 + hex(row[++i]);
                            digits++;
                        }
                        b = digits == 0 ? (byte) 'x' : (byte) code;
                    }
                    default -> {
                        if (b >= '0' && b <= '7') {
                            int code = b - '0';
                            for (int digits = 1; digits < 3 && i + 1 < to && row[i + 1] >= '0' && row[i + 1] <= '7'; digits++) {
                                code = code * 8 + (row[++i] - '0');
                            }
                            b = (byte) code;
                        }
                    }
                }
            }
            value[length++] = b;
        }
        return length;
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

    private void ensureRecord(int size) {
        if (record.length < size) {
            record = Arrays.copyOf(record, Math.max(size, record.length * 2));
        }
    }
}
