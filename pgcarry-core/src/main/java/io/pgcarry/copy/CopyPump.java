package io.pgcarry.copy;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.hash.CopyStreamHash;
import java.io.IOException;
import java.sql.SQLException;
import org.postgresql.copy.CopyOut;

/**
 * The one COPY pump: rows of a source's {@code COPY ... TO STDOUT} into a sink (a target's COPY IN, an archive's
 * data file), one CopyData message (one row) at a time, so memory is one row and the sink's buffer whatever the
 * table's size. When the rows carry their content hash as a last column, it is summed and cut off on the way. The
 * progress hears of the rows and bytes every 8 MB.
 */
public final class CopyPump {
    private static final long REPORT_BYTES = 8L << 20;

    /** Where the rows go. */
    @FunctionalInterface
    public interface Sink {
        void write(byte[] bytes, int offset, int length) throws IOException, SQLException;
    }

    /** What one pump carried: rows, and bytes as written to the sink (without the cut-off hashes). */
    public record Streamed(long rows, long bytes) {
    }

    private CopyPump() {
    }

    /**
     * Pumps every row of {@code out} into {@code sink}; {@code hashes} (null when the rows carry no hash) sums and cuts
     * off each row's hash.
     */
    public static Streamed run(CopyOut out, Sink sink, CopyStreamHash hashes, QualifiedName table, CopyProgress progress)
            throws SQLException, IOException {
        long rows = 0;
        long bytes = 0;
        long reportedRows = 0;
        long reportedBytes = 0;
        byte[] row;
        while ((row = out.readFromCopy()) != null) {
            int length = hashes == null ? row.length : hashes.cut(row);
            sink.write(row, 0, length);
            rows++;
            bytes += length;
            if (bytes - reportedBytes >= REPORT_BYTES) {
                progress.streamed(table, rows - reportedRows, bytes - reportedBytes);
                reportedRows = rows;
                reportedBytes = bytes;
            }
        }
        progress.streamed(table, rows - reportedRows, bytes - reportedBytes);
        return new Streamed(rows, bytes);
    }
}
