package io.pgcarry.backup;

import io.pgcarry.catalog.Column;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.copy.CopyPump;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.hash.ContentHash;
import io.pgcarry.hash.CopyStreamHash;
import io.pgcarry.copy.CopyRange;
import io.pgcarry.copy.OversizedRowWriter;
import io.pgcarry.copy.OversizedRows;
import io.pgcarry.plan.TableMove;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Writes one range of a table to one compressed COPY file, and computes its content hash (the one {@code validate}
 * computes) in the same scan: the server appends each row's hash as a last column, which is summed and cut off
 * before the row is written. Memory is one buffer, whatever the table's size.
 */
final class RangeDump {
    /** What one file holds. */
    record Written(Manifest.DataFile file, long hashSum) {
    }

    private static final int BUFFER_BYTES = 1 << 17;

    private RangeDump() {
    }

    static Written write(Connection reader, TableMove table, CopyRange range, Path root, String name, Compression compression,
                         String encoding, CopyProgress progress) {
        String key = table.source().integerKey().map(Column::sql).orElse(null);
        String where = key == null ? null : range.where(key);
        ContentHash.CopyHash hash = ContentHash.of(table).inEncodings(encoding, encoding).copyHash(false);
        Path file = root.resolve(name);
        CopyOut out = null;
        try (OutputStream raw = Files.newOutputStream(file)) {
            Sha256.Out hashed = new Sha256.Out(raw);
            long rows = 0;
            CopyStreamHash hashes = hash.hasher();
            try (OutputStream data = new BufferedOutputStream(compression.compress(hashed), BUFFER_BYTES)) {
                OversizedRows oversized = OversizedRows.find(reader, table, where);
                out = reader.unwrap(PGConnection.class).getCopyAPI().copyOut(table.copyOutSql(oversized.mainWhere(where), false, hash.rowHash()));
                rows = CopyPump.run(out, data::write, hashes, table.source().name(), progress).rows();
                rows += appendOversized(reader, table, oversized, hash, hashes, data, progress);
            }
            return new Written(new Manifest.DataFile(name, rows, hashed.bytes, Sha256.hex(hashed.digest)), hashes.sum());
        } catch (SQLException e) {
            cancel(out);
            throw SqlErrors.translate("reading " + table.label() + (where == null ? "" : " (rows with " + where + ")"), e);
        } catch (IOException e) {
            cancel(out);
            throw new PgCarryException(ErrorCode.IO, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends the rows too big for one COPY message as lines of the same file, read in slices; returns their count. */
    private static long appendOversized(Connection reader, TableMove table, OversizedRows oversized, ContentHash.CopyHash hash,
                                        CopyStreamHash hashes, OutputStream data, CopyProgress progress) throws SQLException, IOException {
        OversizedRowWriter writer = new OversizedRowWriter(reader, table);
        for (OversizedRows.RowId row : oversized.rows()) {
            writer.write(row, data::write);
            hashes.addRow(writer.hash(row, hash));
        }
        progress.streamed(table.source().name(), oversized.rows().size(), writer.bytes());
        return oversized.rows().size();
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
