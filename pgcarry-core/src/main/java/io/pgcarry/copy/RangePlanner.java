package io.pgcarry.copy;

import io.pgcarry.catalog.Column;
import io.pgcarry.catalog.Table;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.plan.TableMove;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import io.pgcarry.catalog.QualifiedName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * Splits big tables into ranges of their integer primary key, so one big table keeps every job busy. The
 * first and last ranges are open-ended, so no row falls outside whatever the key's values are.
 */
public final class RangePlanner {
    private static final int MAX_RANGES = 256;

    /** Tables are also split by size, so a table of few but wide rows keeps every job busy too. */
    private static final long SPLIT_BYTES = 64L << 20;

    /**
     * How much more a byte costs when its table is split, as {@link #balanced} weighs it: each range is read by its
     * key (an index or bitmap scan on the source, dearer per row than a plain scan), and a table loaded by several
     * transactions cannot be written frozen (see {@link FrozenLoad}). On the move benchmark the source spent 17 % more
     * CPU on ranges than on whole tables, and the target 10 to 20 % more on loads that were not frozen.
     */
    private static final double SPLIT_COST = 1.25;

    /** What {@link #balanced} adds per range of a split table, in bytes: its transaction, journal row and scan start. */
    private static final double RANGE_COST = 16 << 20;

    private final long splitRows;
    private final long splitBytes;
    private final boolean roundUp;
    /** Ranges per table chosen ahead by {@link #balanced}; null when the other rules apply. */
    private final Map<QualifiedName, Integer> pieces;

    /** Splits tables above twice {@code splitRows} rows, or above twice 64 MB, into ranges of about that size. */
    public RangePlanner(long splitRows) {
        this(splitRows, SPLIT_BYTES, false);
    }

    private RangePlanner(long splitRows, long splitBytes, boolean roundUp) {
        this.splitRows = splitRows;
        this.splitBytes = splitBytes;
        this.roundUp = roundUp;
        this.pieces = null;
    }

    private RangePlanner(Map<QualifiedName, Integer> pieces) {
        this.splitRows = Long.MAX_VALUE;
        this.splitBytes = SPLIT_BYTES;
        this.roundUp = true;
        this.pieces = Map.copyOf(pieces);
    }

    /**
     * Splits tables only where that shortens the whole copy by {@code jobs} workers, each taking the biggest piece
     * left: two big tables of similar size for two workers stay whole, one big table among small ones is split. Tries
     * a range of largest piece sizes (fractions of the biggest table, and each table's own size) and keeps the one with
     * the earliest estimated finish, fewer ranges winning near-ties. A split piece counts {@link #SPLIT_COST} times its
     * size plus {@link #RANGE_COST}. Pieces stay at least 64 MB.
     */
    public static RangePlanner balanced(Collection<TableMove> moves, int jobs) {
        Map<QualifiedName, Long> sizes = new HashMap<>();
        Set<QualifiedName> splittable = new HashSet<>();
        for (TableMove move : moves) {
            sizes.put(move.target().name(), Math.max(move.source().sizeBytes(), 0));
            if (move.source().integerKey().isPresent()) {
                splittable.add(move.target().name());
            }
        }
        long largest = splittable.stream().mapToLong(sizes::get).max().orElse(0);
        TreeSet<Long> candidates = new TreeSet<>(Comparator.reverseOrder());
        for (int parts = 1; parts <= 64 && (parts == 1 || largest / parts >= SPLIT_BYTES); parts++) {
            candidates.add((largest + parts - 1) / parts);
        }
        sizes.values().stream().filter(size -> size >= SPLIT_BYTES).sorted(Comparator.reverseOrder()).limit(64).forEach(candidates::add);
        Map<QualifiedName, Integer> best = new HashMap<>();
        double bestFinish = Double.MAX_VALUE;
        for (long piece : candidates) {
            Map<QualifiedName, Integer> counts = new HashMap<>();
            List<Double> costs = new ArrayList<>();
            for (Map.Entry<QualifiedName, Long> table : sizes.entrySet()) {
                long size = table.getValue();
                int count = 1;
                if (splittable.contains(table.getKey()) && size > piece) {
                    count = (int) Math.max(1, Math.min(MAX_RANGES, Math.min((size + piece - 1) / piece, size / SPLIT_BYTES)));
                }
                counts.put(table.getKey(), count);
                for (int i = 0; i < count; i++) {
                    costs.add(count == 1 ? size : SPLIT_COST * size / count + RANGE_COST);
                }
            }
            double finish = finish(costs, jobs);
            // Candidates come biggest piece first, so a near-tie keeps the plan with fewer ranges.
            if (finish < bestFinish * 0.99) {
                bestFinish = finish;
                best = counts;
            }
        }
        return new RangePlanner(best);
    }

    /** When {@code jobs} workers, each taking the biggest piece left, finish these pieces. */
    private static double finish(List<Double> costs, int jobs) {
        PriorityQueue<Double> workers = new PriorityQueue<>();
        for (int i = 0; i < jobs; i++) {
            workers.add(0.0);
        }
        double finish = 0;
        for (double cost : costs.stream().sorted(Comparator.reverseOrder()).toList()) {
            double end = workers.poll() + cost;
            finish = Math.max(finish, end);
            workers.add(end);
        }
        return finish;
    }

    public List<CopyRange> plan(Connection source, TableMove move) {
        Optional<Column> key = move.source().integerKey();
        long wanted = wanted(move);
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

    /** How many ranges this planner wants for a table (fewer when its key's values are fewer). */
    long wanted(TableMove move) {
        if (pieces != null) {
            return pieces.getOrDefault(move.target().name(), 1);
        }
        long rows = Math.max(move.source().estimatedRows(), 0);
        long size = Math.max(move.source().sizeBytes(), 0);
        long bySize = roundUp ? (size + splitBytes - 1) / splitBytes : size / splitBytes;
        return Math.max(rows / splitRows, bySize);
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
