package io.pgcarry.copy;

import io.pgcarry.hash.ContentHash;
import io.pgcarry.plan.ColumnMove;
import io.pgcarry.plan.Conversion;
import io.pgcarry.plan.TableMove;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Writes {@link OversizedRows} as lines of COPY text format, reading each value from the source in slices of a fixed
 * size, so that memory does not grow with the value: a row of any size (up to PostgreSQL's 1 GB per value) goes
 * through a buffer of a few megabytes. Each value is read with a COPY of its slices, as bytes: a bytea as itself
 * (written as {@code \\x} and hex), anything else as its text in UTF8, the client encoding of every pgjdbc session
 * (escaped byte by byte, which is safe because no byte of a multibyte UTF8 character is ASCII). The source
 * detoasts each value once per read, not once per slice. Not thread-safe: one instance per copy.
 */
public final class OversizedRowWriter {
    /** Bytes per slice; the buffer holds twice that (escapes, hex). */
    private static final int SLICE = 1 << 20;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final Connection source;
    private final TableMove move;
    private final byte[] buffer = new byte[2 * SLICE + 16];
    private long bytes;

    /** Where lines go: a COPY into the target, or an archive's data file. */
    @FunctionalInterface
    public interface Sink {
        void write(byte[] data, int offset, int length) throws SQLException, IOException;
    }

    public OversizedRowWriter(Connection source, TableMove move) {
        this.source = source;
        this.move = move;
    }

    /** COPY text bytes written so far. */
    public long bytes() {
        return bytes;
    }

    /** Writes one row as one line. */
    public void write(OversizedRows.RowId row, Sink sink) throws SQLException, IOException {
        for (int i = 0; i < move.columns().size(); i++) {
            if (i > 0) {
                put(sink, new byte[] {'\t'});
            }
            ColumnMove column = move.columns().get(i);
            value(row, column, bytea(column), sink);
        }
        put(sink, new byte[] {'\n'});
    }

    /** The whole hash of one row, computed by the source: its value in a copy's content hash. */
    public long hash(OversizedRows.RowId row, ContentHash.CopyHash hash) throws SQLException {
        String sql = "SELECT (" + hash.wholeRowHash() + ")::text FROM " + move.source().rowsSql() + " WHERE " + row.sql();
        try (Statement s = source.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return ContentHash.sum(rs.getString(1));
        }
    }

    /** Streams one value: each COPY message holds one slice (the first one also the binary header). */
    private void value(OversizedRows.RowId row, ColumnMove column, boolean bytea, Sink sink) throws SQLException, IOException {
        CopyOut out = source.unwrap(PGConnection.class).getCopyAPI().copyOut(slicesSql(row, column, bytea));
        try {
            SliceReader slices = new SliceReader();
            byte[] message;
            boolean first = true;
            while ((message = out.readFromCopy()) != null) {
                if (!slices.read(message)) {
                    continue;
                }
                if (slices.isNull()) {
                    put(sink, new byte[] {'\\', 'N'});
                } else {
                    if (first && bytea) {
                        put(sink, new byte[] {'\\', '\\', 'x'});
                    }
                    int length = bytea ? hex(message, slices.start(), slices.length()) : escape(message, slices.start(), slices.length());
                    sink.write(buffer, 0, length);
                    bytes += length;
                }
                first = false;
            }
        } finally {
            if (out.isActive()) {
                out.cancelCopy();
            }
        }
    }

    /**
     * The value's slices in order, one row each. The value is computed once in a subquery that is not flattened
     * ({@code OFFSET 0}) and concatenated (which detoasts it), so slicing it costs no decompression per slice; a NULL
     * gives one NULL slice, an empty value one empty slice.
     */
    private String slicesSql(OversizedRows.RowId row, ColumnMove column, boolean bytea) {
        String value = bytea ? "(" + column.sourceSql() + ") || '\\x'::bytea"
                : "pg_catalog.convert_to((" + column.sourceSql() + ")::text, 'UTF8')";
        return String.format(Locale.ROOT, """
                COPY (SELECT pg_catalog.substring(x.v, g, %d)
                        FROM (SELECT %s AS v FROM %s WHERE %s OFFSET 0) x,
                             pg_catalog.generate_series(1, greatest(coalesce(pg_catalog.octet_length(x.v), 1), 1), %d) g)
                  TO STDOUT (FORMAT binary)""", SLICE, value, move.source().rowsSql(), row.sql(), SLICE);
    }

    /** A bytea copied unchanged travels as bytes and is written in hex; anything else as its text. */
    private static boolean bytea(ColumnMove column) {
        return column.conversion() == Conversion.SAME && column.source() != null && column.source().type().equals("bytea");
    }

    private int hex(byte[] data, int start, int length) {
        int n = 0;
        for (int i = start; i < start + length; i++) {
            buffer[n++] = HEX[(data[i] >> 4) & 0xf];
            buffer[n++] = HEX[data[i] & 0xf];
        }
        return n;
    }

    /** COPY text escapes: a backslash and the characters that end fields and rows. */
    private int escape(byte[] data, int start, int length) {
        int n = 0;
        for (int i = start; i < start + length; i++) {
            byte b = data[i];
            byte escaped = switch (b) {
                case '\\' -> '\\';
                case '\n' -> 'n';
                case '\r' -> 'r';
                case '\t' -> 't';
                default -> 0;
            };
            if (escaped == 0) {
                buffer[n++] = b;
            } else {
                buffer[n++] = '\\';
                buffer[n++] = escaped;
            }
        }
        return n;
    }

    private void put(Sink sink, byte[] data) throws SQLException, IOException {
        sink.write(data, 0, data.length);
        bytes += data.length;
    }
}
