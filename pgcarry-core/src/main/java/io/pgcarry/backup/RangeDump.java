package io.pgcarry.backup;

import io.pgcarry.catalog.Column;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.move.CopyProgress;
import io.pgcarry.move.CopyRange;
import io.pgcarry.plan.TableMove;
import io.pgcarry.verify.ContentHash;
import io.pgcarry.verify.CopyRowHash;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Writes one range of a table to one compressed COPY file, and computes its content hash (the one {@code validate}
 * computes) in the same scan. In a UTF8 database each row's hash is computed here from the COPY text itself
 * ({@link CopyRowHash}), so the server formats every row once, as for a plain dump. In another encoding the COPY
 * bytes are not the server's, so the server appends each row's hash as a last column, which is summed here and cut
 * off before the row is written. Memory is one buffer, whatever the table's size.
 */
final class RangeDump {
    /** What one file holds. */
    record Written(Manifest.DataFile file, long hashSum) {
    }

    private static final int BUFFER_BYTES = 1 << 17;

    private RangeDump() {
    }

    static Written write(Connection reader, TableMove table, CopyRange range, Path root, String name, Compression compression,
                         boolean hashHere, CopyProgress progress) {
        List<String> columns = table.columns().stream().map(c -> c.target().name()).toList();
        String key = table.source().integerKey().map(Column::sql).orElse(null);
        String where = key == null ? null : range.where(key);
        List<String> selected = new ArrayList<>(table.columns().stream().map(c -> c.target().sql()).toList());
        if (!hashHere) {
            selected.add(ContentHash.ofColumns(columns).rowHash(true));
        }
        String sql = "COPY (SELECT " + String.join(", ", selected)
                + " FROM " + table.source().rowsSql()
                + (where == null ? "" : " WHERE " + where) + ") TO STDOUT";
        Path file = root.resolve(name);
        CopyOut out = null;
        try (OutputStream raw = Files.newOutputStream(file)) {
            Sha256.Out hashed = new Sha256.Out(raw);
            long rows = 0;
            long sum = 0;
            try (OutputStream data = new BufferedOutputStream(compression.compress(hashed), BUFFER_BYTES)) {
                out = reader.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
                long reportedBytes = 0;
                long reportedRows = 0;
                long bytes = 0;
                CopyRowHash rowHash = hashHere ? new CopyRowHash() : null;
                byte[] row;
                while ((row = out.readFromCopy()) != null) {
                    if (hashHere) {
                        sum += rowHash.hash(row, row.length, columns.size());
                        data.write(row);
                    } else {
                        int tab = lastTab(row);
                        sum += parseInt(row, tab + 1, row.length - 1);
                        if (tab > 0) {
                            data.write(row, 0, tab);
                        }
                        data.write('\n');
                    }
                    rows++;
                    bytes += row.length;
                    if (bytes - reportedBytes >= (8 << 20)) {
                        progress.streamed(table.source().name(), rows - reportedRows, bytes - reportedBytes);
                        reportedRows = rows;
                        reportedBytes = bytes;
                    }
                }
                progress.streamed(table.source().name(), rows - reportedRows, bytes - reportedBytes);
            }
            return new Written(new Manifest.DataFile(name, rows, hashed.bytes, Sha256.hex(hashed.digest)), sum);
        } catch (SQLException e) {
            cancel(out);
            throw SqlErrors.translate("reading " + table.label() + (where == null ? "" : " (rows with " + where + ")"), e);
        } catch (IOException e) {
            cancel(out);
            throw new PgCarryException(ErrorCode.IO, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The tab before the hash column; -1 for a table with no columns of its own (the row is just the hash). */
    private static int lastTab(byte[] row) {
        for (int i = row.length - 2; i >= 0; i--) {
            if (row[i] == '\t') {
                return i;
            }
        }
        return -1;
    }

    private static long parseInt(byte[] row, int from, int to) {
        boolean negative = row[from] == '-';
        long value = 0;
        for (int i = negative ? from + 1 : from; i < to; i++) {
            value = value * 10 + (row[i] - '0');
        }
        return negative ? -value : value;
    }

    private static void cancel(CopyOut out) {
        try {
            if (out != null && out.isActive()) {
                out.cancelCopy();
            }
        } catch (SQLException ignored) {
            // The connection is abandoned with the failed backup.
        }
    }
}
