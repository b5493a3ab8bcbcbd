package io.pgcarry.move;

import io.pgcarry.catalog.Column;
import io.pgcarry.catalog.Table;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.plan.TableMove;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits big tables into ranges of their integer primary key, so one big table keeps every job busy. The
 * first and last ranges are open-ended, so no row falls outside whatever the key's values are.
 */
public final class RangePlanner {
    private static final int MAX_RANGES = 256;

    /** Tables are also split by size, so a table of few but wide rows keeps every job busy too. */
    private static final long SPLIT_BYTES = 64L << 20;

    private final long splitRows;
    private final long splitBytes;
    private final boolean roundUp;

    /** Splits tables above twice {@code splitRows} rows, or above twice 64 MB, into ranges of about that size. */
    public RangePlanner(long splitRows) {
        this(splitRows, SPLIT_BYTES, false);
    }

    private RangePlanner(long splitRows, long splitBytes, boolean roundUp) {
        this.splitRows = splitRows;
        this.splitBytes = splitBytes;
        this.roundUp = roundUp;
    }

    /**
     * Splits only tables bigger than {@code share} (and than 64 MB), into as few ranges as keep each one under it. A
     * backup passes its database's size divided by its jobs: a range read by its key costs the server more per row
     * than a plain scan of the table, so a table is split only where one job alone would take longer than its share.
     */
    public static RangePlanner byShare(long share) {
        return new RangePlanner(Long.MAX_VALUE, Math.max(SPLIT_BYTES, share), true);
    }

    public List<CopyRange> plan(Connection source, TableMove move) {
        Optional<Column> key = move.source().integerKey();
        long rows = Math.max(move.source().estimatedRows(), 0);
        long size = Math.max(move.source().sizeBytes(), 0);
        long bySize = roundUp ? (size + splitBytes - 1) / splitBytes : size / splitBytes;
        long wanted = Math.max(rows / splitRows, bySize);
        if (key.isEmpty() || wanted < 2) {
            return List.of(CopyRange.pending(move.target().name(), 0, null, null));
        }
        long[] bounds = minMax(source, move.source(), key.get());
        if (bounds == null) {
            return List.of(CopyRange.pending(move.target().name(), 0, null, null));
        }
        int count = (int) Math.min(MAX_RANGES, wanted);
        long span = bounds[1] - bounds[0] + 1;
        long step = Math.max(1, span / count + (span % count == 0 ? 0 : 1));
        List<CopyRange> ranges = new ArrayList<>();
        long lower = bounds[0];
        for (int i = 0; i < count && (i == 0 || lower <= bounds[1]); i++) {
            long upper = lower + step;
            boolean last = i == count - 1 || upper > bounds[1];
            ranges.add(CopyRange.pending(move.target().name(), i, i == 0 ? null : lower, last ? null : upper));
            lower = upper;
            if (last) {
                break;
            }
        }
        return ranges;
    }

    private static long[] minMax(Connection source, Table table, Column key) {
        String sql = "SELECT min(" + key.sql() + "), max(" + key.sql() + ") FROM " + table.rowsSql();
        try (Statement s = source.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            long min = rs.getLong(1);
            if (rs.wasNull()) {
                return null;
            }
            return new long[] {min, rs.getLong(2)};
        } catch (SQLException e) {
            throw SqlErrors.translate("finding the key range of " + table.name(), e);
        }
    }
}
