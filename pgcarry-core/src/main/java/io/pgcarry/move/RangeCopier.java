package io.pgcarry.move;

import io.pgcarry.catalog.Column;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.copy.CopyPump;
import io.pgcarry.copy.CopyRange;
import io.pgcarry.copy.FrozenLoad;
import io.pgcarry.copy.LoadSearchPath;
import io.pgcarry.copy.OversizedRowWriter;
import io.pgcarry.copy.OversizedRows;
import io.pgcarry.error.DatabaseException;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.hash.ContentHash;
import io.pgcarry.hash.CopyStreamHash;
import io.pgcarry.plan.TableMove;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Streams one range from a source reader straight into the target with COPY: no file, memory bounded by one
 * buffer. The range's journal entry commits in the same target transaction as its rows.
 */
final class RangeCopier {
    private static final int BUFFER_BYTES = 1 << 18;

    private final Connection source;
    private final Connection target;
    private final long run;
    private final CopyProgress progress;
    /** The path the COPY runs with (see {@link LoadSearchPath}); null for pgcarry's pinned one. */
    private final String searchPath;

    RangeCopier(Connection source, Connection target, long run, CopyProgress progress, String searchPath) throws SQLException {
        this.source = source;
        this.target = target;
        this.run = run;
        this.progress = progress;
        this.searchPath = searchPath;
        target.setAutoCommit(false);
    }

    /** What one range's copy carried; {@code hashSum} is null when its rows were not hashed. */
    record Copied(long rows, long bytes, Long hashSum) {
    }

    /**
     * Copies the range and commits. With a {@code hash} (how the copy carries the table's content hash), the source
     * appends each row's hash as a last column, which is completed by the client's columns, summed and cut off on the
     * way, so the validation need not read the source again. Its columns must match the move's copy format.
     */
    Copied copy(TableMove move, CopyRange range, ContentHash.CopyHash hash) {
        long started = System.nanoTime();
        String key = move.source().integerKey().map(Column::sql).orElse(null);
        String where = key == null ? null : range.where(key);
        boolean binary = move.binary();
        CopyOut out = null;
        CopyIn in = null;
        try {
            // A table copied in one piece can be loaded frozen; one split into ranges is loaded by several transactions.
            boolean freeze = where == null && FrozenLoad.prepare(target, move.target().name());
            OversizedRows oversized = OversizedRows.find(source, move, where);
            out = source.unwrap(PGConnection.class).getCopyAPI()
                    .copyOut(move.copyOutSql(oversized.mainWhere(where), binary, hash == null ? null : hash.rowHash()));
            LoadSearchPath.enter(target, searchPath);
            in = target.unwrap(PGConnection.class).getCopyAPI().copyIn(move.copyInSql(binary, freeze));
            CopyStreamHash hashes = hash == null ? null : hash.hasher();
            PGCopyOutputStream sink = new PGCopyOutputStream(in, BUFFER_BYTES);
            long bytes = CopyPump.run(out, sink::write, hashes, move.target().name(), progress).bytes();
            long rows = sink.endCopy();
            if (!oversized.rows().isEmpty()) {
                in = target.unwrap(PGConnection.class).getCopyAPI().copyIn(move.copyInSql(false, false));
                bytes += carry(oversized, in, move, hash, hashes);
                rows += in.endCopy();
            }
            LoadSearchPath.leave(target, searchPath);
            Journal.rangeDone(target, run, range, rows, bytes, (System.nanoTime() - started) / 1e9);
            target.commit();
            return new Copied(rows, bytes, hashes == null ? null : hashes.sum());
        } catch (IOException | SQLException | RuntimeException e) {
            // Whatever failed, no COPY is left running on either connection and the range's transaction is undone.
            cancel(out, in);
            rollback();
            throw failure(e, "copying " + move.label() + (where == null ? "" : " (rows with " + where + ")"), searchPath);
        }
    }

    /**
     * What to throw for a failed copy: a runtime exception as it is, a database error translated; the COPY streams
     * report a lost connection as an IOException, whose cause is the server's error when there is one.
     */
    private static RuntimeException failure(Exception e, String doing, String searchPath) {
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        SQLException sql = e instanceof SQLException direct ? direct
                : e.getCause() instanceof SQLException cause ? cause : new SQLException(e.getMessage(), "08006", e);
        DatabaseException translated = SqlErrors.translate(doing, sql);
        return searchPath == null && NameLookups.failedInUserCode(sql)
                ? new DatabaseException(translated.getMessage() + NameLookups.REMEDY, translated.sqlState(), sql) : translated;
    }

    /**
     * Carries the rows too big to travel as one COPY message, in slices, into a text COPY of the same transaction;
     * the source hashes each whole. Returns the bytes written.
     */
    private long carry(OversizedRows oversized, CopyIn in, TableMove move, ContentHash.CopyHash hash, CopyStreamHash hashes)
            throws SQLException {
        OversizedRowWriter writer = new OversizedRowWriter(source, move);
        try {
            for (OversizedRows.RowId row : oversized.rows()) {
                writer.write(row, in::writeToCopy);
                if (hashes != null) {
                    hashes.addRow(writer.hash(row, hash));
                }
                progress.streamed(move.target().name(), 1, 0);
            }
        } catch (IOException e) {
            // A COPY into the target reports its failures as SQLException; this is only the sink's signature.
            throw new PgCarryException(ErrorCode.IO, "copying " + move.label() + ": " + e.getMessage(), e);
        }
        progress.streamed(move.target().name(), 0, writer.bytes());
        return writer.bytes();
    }

    private static void cancel(CopyOut out, CopyIn in) {
        try {
            if (in != null && in.isActive()) {
                in.cancelCopy();
            }
        } catch (SQLException ignored) {
            // The connection is being abandoned anyway.
        }
        try {
            if (out != null && out.isActive()) {
                out.cancelCopy();
            }
        } catch (SQLException ignored) {
            // Same.
        }
    }

    private void rollback() {
        try {
            target.rollback();
        } catch (SQLException ignored) {
            // A broken connection rolls back by itself.
        }
    }
}
