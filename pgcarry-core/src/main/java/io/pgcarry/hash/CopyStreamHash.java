package io.pgcarry.hash;

import java.util.List;

/**
 * Sums the content hash of rows as they stream through a COPY out of the source, so that the table's hash is known
 * without reading the source again. Each row's hash is the XOR of its columns' hashes (see {@link ContentHash}):
 * the client computes those it can from the fields' bytes ({@link FieldHash}), and the source computes the rest and
 * appends them as one last bigint column, which is cut off here so that the rows go on (to a target or an archive
 * file) as the table's own columns. When the client hashes every column, the source appends nothing and the rows
 * pass unchanged.
 * <p>
 * Works on one COPY message (one row) at a time, in place, in text or binary format. Not thread-safe: one instance
 * per copy.
 */
public final class CopyStreamHash {
    private static final int BINARY_SIGNATURE = 11;
    private static final int BIGINT_FIELD = 4 + 8;

    private final boolean binary;
    /** Whether the source appends its share of each row's hash as a last column. */
    private final boolean trailing;
    /** Per field of a row, the column the client hashes there, or null. */
    private final ClientColumn[] byField;
    private final byte[] scratch = new byte[16];
    private byte[] unescaped = new byte[1 << 12];
    private boolean headerRead;
    private long sum;

    /**
     * A column whose hash the client computes from its field's bytes.
     *
     * @param field     the column's position in the row, from 0
     * @param seed      its hash seed (its position, from 1)
     * @param nullHash  what NULL hashes to in this column
     * @param kind      how its bytes are hashed
     * @param ints      the hash of 32-bit values with its seed
     */
    public record ClientColumn(int field, long seed, long nullHash, FieldHash kind, ByteHash.Int ints) {
        public ClientColumn(int field, long seed, long nullHash, FieldHash kind) {
            this(field, seed, nullHash, kind, new ByteHash.Int(seed));
        }
    }

    /** Rows whose whole hash the source appends. */
    public CopyStreamHash(boolean binary) {
        this(binary, true, List.of());
    }

    /**
     * @param trailing  whether the source appends a hash column (its share of the columns not in {@code byClient})
     * @param byClient  the columns whose hashes the client adds
     */
    public CopyStreamHash(boolean binary, boolean trailing, List<ClientColumn> byClient) {
        this.binary = binary;
        this.trailing = trailing;
        this.byField = new ClientColumn[byClient.stream().mapToInt(ClientColumn::field).max().orElse(-1) + 1];
        byClient.forEach(c -> byField[c.field()] = c);
    }

    /** The sum of the row hashes seen so far, modulo 2^64. */
    public long sum() {
        return sum;
    }

    /** Adds the hash of a row that the server hashed whole, because it went around the stream (an oversized row). */
    public void addRow(long rowHash) {
        sum += rowHash;
    }

    /** Adds the hashes of the rows in the message {@code data}, cuts the source's hash column off, returns the new length. */
    public int cut(byte[] data) {
        return binary ? binary(data) : text(data);
    }

    /**
     * A text row: fields separated by tabs, ending with a newline; the source's hash, if any, is the last field (the
     * only one for a table without columns, whose row becomes an empty line).
     */
    private int text(byte[] row) {
        int end = row.length - 1;
        if (!trailing) {
            sum += byClientText(row, end);
            return row.length;
        }
        int tab = end - 1;
        while (tab >= 0 && row[tab] != '\t') {
            tab--;
        }
        sum += FieldHash.decimal(row, tab + 1, end - tab - 1) ^ byClientText(row, tab);
        if (tab < 0) {
            row[0] = '\n';
            return 1;
        }
        row[tab] = '\n';
        return tab + 1;
    }

    /** The client's columns of a text row whose own fields end at {@code end}. */
    private long byClientText(byte[] row, int end) {
        long hash = 0;
        int start = 0;
        for (int field = 0; field < byField.length && start <= end; field++) {
            int stop = TextScan.tabOrBackslash(row, start, end);
            boolean escaped = false;
            while (stop < end && row[stop] == '\\') {
                escaped = true;
                stop = TextScan.tabOrBackslash(row, stop + 1, end);
            }
            ClientColumn column = byField[field];
            if (column != null) {
                if (stop - start == 2 && row[start] == '\\' && row[start + 1] == 'N') {
                    hash ^= column.nullHash();
                } else if (escaped && column.kind().mayBeEscaped()) {
                    int length = unescape(row, start, stop);
                    hash ^= column.kind().hash(unescaped, 0, length, column.seed(), column.ints(), scratch);
                } else {
                    hash ^= column.kind().hash(row, start, stop - start, column.seed(), column.ints(), scratch);
                }
            }
            start = stop + 1;
        }
        return hash;
    }

    /** Undoes COPY's text escapes of the bytes from {@code start} to {@code stop} into {@link #unescaped}. */
    private int unescape(byte[] row, int start, int stop) {
        if (unescaped.length < stop - start) {
            unescaped = new byte[Math.max(stop - start, unescaped.length * 2)];
        }
        int length = 0;
        int i = start;
        while (i < stop) {
            // The bytes up to the next backslash go as they are (a field holds no tab: COPY escapes those).
            int next = TextScan.tabOrBackslash(row, i, stop);
            System.arraycopy(row, i, unescaped, length, next - i);
            length += next - i;
            if (next + 1 >= stop) {
                if (next < stop) {
                    unescaped[length++] = row[next];
                }
                break;
            }
            unescaped[length++] = switch (row[next + 1]) {
                case 'b' -> 8;
                case 'f' -> 12;
                case 'n' -> 10;
                case 'r' -> 13;
                case 't' -> 9;
                case 'v' -> 11;
                // COPY writes no other escape but a backslash before itself (or the delimiter).
                default -> row[next + 1];
            };
            i = next + 2;
        }
        return length;
    }

    /**
     * A binary message: the file header before the first tuple, then tuples (a field count, then per field its
     * length and bytes) or the trailer (a count of -1). The source's hash, if any, is each tuple's last field; the
     * count then drops by one.
     */
    private int binary(byte[] data) {
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
            int own = trailing ? fields - 1 : fields;
            if (trailing) {
                writeShort(data, at, own);
            }
            int field = at + 2;
            long hash = 0;
            for (int i = 0; i < own; i++) {
                int size = readInt(data, field);
                ClientColumn column = i < byField.length ? byField[i] : null;
                if (column != null) {
                    hash ^= size < 0 ? column.nullHash() : column.kind().hash(data, field + 4, size, column.seed(), column.ints(), scratch);
                }
                field += 4 + Math.max(size, 0);
            }
            if (trailing) {
                sum += readLong(data, field + 4) ^ hash;
                int next = field + BIGINT_FIELD;
                System.arraycopy(data, next, data, field, length - next);
                length -= BIGINT_FIELD;
            } else {
                sum += hash;
            }
            at = field;
        }
        return length;
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
