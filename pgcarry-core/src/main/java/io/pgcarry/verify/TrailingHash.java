package io.pgcarry.verify;

/**
 * Cuts off the row hash that the source appends to each row it copies out as a last bigint column (its
 * {@link ContentHash#rowHash row hash}), and sums it: the rows go on (to a target or an archive file) as the table's
 * own columns, and the table's content hash is known without reading the source again. Works on one COPY message at a
 * time, in place, in text or binary format. Not thread-safe: one instance per copy.
 */
public final class TrailingHash {
    private static final int BINARY_SIGNATURE = 11;
    private static final int BIGINT_FIELD = 4 + 8;

    private final boolean binary;
    /** Per field of a binary row, the column the client hashes there, or null. */
    private final ClientColumn[] byField;
    private boolean headerRead;
    private long sum;

    /**
     * A column whose hash the client computes from its bytes in a binary COPY, as the server would from its text:
     * {@code hashtextextended(text, seed)}, or {@code nullHash} for NULL.
     *
     * @param field     the column's position in the row, from 0
     * @param jsonb     whether, in binary format, the bytes start with jsonb's format version (1), which is not part
     *                  of the text
     */
    public record ClientColumn(int field, long seed, long nullHash, boolean jsonb) {
    }

    public TrailingHash(boolean binary) {
        this(binary, java.util.List.of());
    }

    /** With {@code byClient}, adds those columns' hashes to each row's, as the source left them out. */
    public TrailingHash(boolean binary, java.util.List<ClientColumn> byClient) {
        this.binary = binary;
        this.byField = new ClientColumn[byClient.stream().mapToInt(ClientColumn::field).max().orElse(-1) + 1];
        byClient.forEach(c -> byField[c.field()] = c);
    }

    /** The sum of the hashes cut so far, modulo 2^64. */
    public long sum() {
        return sum;
    }

    /** Removes the hash column from the message in {@code data} and returns the message's new length. */
    public int cut(byte[] data) {
        return binary ? cutBinary(data) : cutText(data);
    }

    /**
     * A text row: fields separated by tabs, ending with a newline; the hash is the last field (the only one for a
     * table without columns, whose row becomes an empty line).
     */
    private int cutText(byte[] row) {
        int end = row.length - 1;
        int tab = end - 1;
        while (tab >= 0 && row[tab] != '\t') {
            tab--;
        }
        boolean negative = row[tab + 1] == '-';
        long value = 0;
        for (int i = negative ? tab + 2 : tab + 1; i < end; i++) {
            value = value * 10 + (row[i] - '0');
        }
        sum += (negative ? -value : value) ^ (byField.length == 0 ? 0 : textByClient(row, tab));
        if (tab < 0) {
            row[0] = '\n';
            return 1;
        }
        row[tab] = '\n';
        return tab + 1;
    }

    /** The client's columns of a text row whose own fields end at {@code end}: each unescaped, then hashed. */
    private long textByClient(byte[] row, int end) {
        long hash = 0;
        int start = 0;
        for (int field = 0; field < byField.length && start <= end; field++) {
            int stop = start;
            while (stop < end && row[stop] != '\t') {
                stop++;
            }
            ClientColumn column = byField[field];
            if (column != null) {
                if (stop - start == 2 && row[start] == '\\' && row[start + 1] == 'N') {
                    hash ^= column.nullHash();
                } else {
                    int length = unescape(row, start, stop);
                    hash ^= ByteHash.of(scratch, 0, length, column.seed());
                }
            }
            start = stop + 1;
        }
        return hash;
    }

    private byte[] scratch = new byte[1 << 12];

    /** Undoes COPY's text escapes of the bytes from {@code start} to {@code stop} into {@link #scratch}. */
    private int unescape(byte[] row, int start, int stop) {
        if (scratch.length < stop - start) {
            scratch = new byte[Math.max(stop - start, scratch.length * 2)];
        }
        int length = 0;
        for (int i = start; i < stop; i++) {
            byte b = row[i];
            if (b == '\\' && i + 1 < stop) {
                i++;
                b = switch (row[i]) {
                    case 'b' -> 8;
                    case 'f' -> 12;
                    case 'n' -> 10;
                    case 'r' -> 13;
                    case 't' -> 9;
                    case 'v' -> 11;
                    // COPY writes no other escape but a backslash before itself (or the delimiter).
                    default -> row[i];
                };
            }
            scratch[length++] = b;
        }
        return length;
    }

    /**
     * A binary message: the file header before the first tuple, then tuples (a field count, then per field its
     * length and bytes) or the trailer (a count of -1). The hash is each tuple's last field; the count drops by one.
     */
    private int cutBinary(byte[] data) {
        int at = 0;
        if (!headerRead) {
            // Signature, flags, then the length of a header extension area to skip.
            at = BINARY_SIGNATURE + 4;
            at += 4 + readInt(data, at);
            headerRead = true;
        }
        int length = data.length;
        while (at < length) {
            int fields = readShort(data, at);
            if (fields < 0) {
                return length;
            }
            writeShort(data, at, fields - 1);
            int field = at + 2;
            long byClient = 0;
            for (int i = 0; i < fields - 1; i++) {
                int size = readInt(data, field);
                if (i < byField.length && byField[i] != null) {
                    byClient ^= hash(byField[i], data, field + 4, size);
                }
                field += 4 + Math.max(size, 0);
            }
            sum += readLong(data, field + 4) ^ byClient;
            int next = field + BIGINT_FIELD;
            System.arraycopy(data, next, data, field, length - next);
            length -= BIGINT_FIELD;
            at = field;
        }
        return length;
    }

    private static long hash(ClientColumn column, byte[] data, int at, int size) {
        if (size < 0) {
            return column.nullHash();
        }
        if (column.jsonb()) {
            if (size == 0 || data[at] != 1) {
                throw new IllegalStateException("jsonb in binary format version " + (size == 0 ? "none" : data[at]) + ", where 1 was expected");
            }
            return ByteHash.of(data, at + 1, size - 1, column.seed());
        }
        return ByteHash.of(data, at, size, column.seed());
    }

    private static int readShort(byte[] b, int at) {
        return (short) ((b[at] & 0xff) << 8 | b[at + 1] & 0xff);
    }

    private static void writeShort(byte[] b, int at, int value) {
        b[at] = (byte) (value >> 8);
        b[at + 1] = (byte) value;
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
    }

    private static long readLong(byte[] b, int at) {
        return (long) readInt(b, at) << 32 | readInt(b, at + 4) & 0xffffffffL;
    }
}
