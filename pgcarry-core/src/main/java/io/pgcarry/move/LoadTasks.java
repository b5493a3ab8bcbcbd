package io.pgcarry.move;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.connect.Sessions;
import io.pgcarry.connect.SharedSnapshot;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.copy.CopyRange;
import io.pgcarry.hash.ContentHash;
import io.pgcarry.hash.ContentTotals;
import io.pgcarry.load.LoadGraph.Step;
import io.pgcarry.load.LoadGraph;
import io.pgcarry.parallel.TaskGraph.Task;
import io.pgcarry.plan.TableMove;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load of a move as one {@link LoadGraph}, so that no worker idles while another copies or indexes a big table:
 * every pending range is a copy step, biggest first; what the move set aside comes back around them
 * ({@link SetAsideReturn}); each table is hashed on the target for the validation as soon as its rows are in, and
 * analysed once its indexes exist.
 * <p>
 * A copy task reads the source on a connection of its worker's own, inside the shared snapshot; everything else runs
 * on the worker's target connection. Every task ends its transaction, so no worker holds a lock while it waits for
 * its next task.
 */
final class LoadTasks implements AutoCloseable {
    /**
     * Figures of one table, summed over its ranges; {@code copied} is the content hash summed from its rows when this
     * run copied every range of it with hashing, otherwise null.
     */
    record TableFigures(QualifiedName table, long rows, long bytes, double seconds, int ranges, ContentTotals copied) {
    }

    private final SharedSnapshot snapshot;
    private final long run;
    private final CopyProgress progress;
    private final Map<QualifiedName, ContentHash.CopyHash> copyHashes;
    private final Map<QualifiedName, ContentHash> targetHashes;
    /** Per worker's target connection, its source reader and the copier that uses both. */
    private final Map<Connection, RangeCopier> copiers = new ConcurrentHashMap<>();
    private final List<Connection> readers = new CopyOnWriteArrayList<>();
    private final Map<QualifiedName, ContentTotals> hashedTargets = new ConcurrentHashMap<>();
    private final Map<QualifiedName, TableTally> tallies = new ConcurrentHashMap<>();
    private final Map<QualifiedName, Long> rangesPerTable = new HashMap<>();
    private final Map<QualifiedName, Long> startedAt = new ConcurrentHashMap<>();
    private final String copySearchPath;

    /**
     * @param copyHashes    per target table whose rows are hashed as they are copied, how its copy carries the hash
     *                      (see {@link RangeCopier#copy})
     * @param targetHashes  per target table to hash on the target once loaded, its content hash
     * @param copySearchPath the search path each COPY runs with (see {@link io.pgcarry.copy.LoadSearchPath}); null
     *                      for pgcarry's pinned one
     */
    LoadTasks(SharedSnapshot snapshot, long run, CopyProgress progress, Map<QualifiedName, ContentHash.CopyHash> copyHashes,
              Map<QualifiedName, ContentHash> targetHashes, String copySearchPath) {
        this.copySearchPath = copySearchPath;
        this.snapshot = snapshot;
        this.run = run;
        this.progress = progress;
        this.copyHashes = Map.copyOf(copyHashes);
        this.targetHashes = Map.copyOf(targetHashes);
    }

    /** The tasks, in the order a free worker prefers them. */
    List<Task> tasks(List<TableMove> moves, List<CopyRange> ranges, List<JournalObject> objects) {
        Map<QualifiedName, TableMove> byTarget = new HashMap<>();
        moves.forEach(m -> byTarget.put(m.target().name(), m));
        Map<QualifiedName, Long> tableBytes = new HashMap<>();
        moves.forEach(m -> tableBytes.put(m.target().name(), m.source().sizeBytes()));
        Map<QualifiedName, AtomicLong> remaining = new ConcurrentHashMap<>();
        for (CopyRange r : ranges) {
            rangesPerTable.merge(r.table(), 1L, Long::sum);
            TableTally tally = tallies.computeIfAbsent(r.table(), table -> new TableTally());
            if (r.done()) {
                tally.add(r.rows(), r.bytes(), null);
            } else {
                remaining.computeIfAbsent(r.table(), table -> new AtomicLong()).incrementAndGet();
            }
        }
        LoadGraph graph = new LoadGraph(tableBytes, progress::phase);
        // Largest expected range first, so the last ranges to finish are small ones and no worker idles long.
        for (CopyRange range : ranges.stream().filter(r -> !r.done())
                .sorted(Comparator.comparingLong((CopyRange r) -> -tableBytes.getOrDefault(r.table(), 0L) / rangesPerTable.get(r.table()))
                        .thenComparing(r -> r.table().sql()).thenComparing(CopyRange::number))
                .toList()) {
            TableMove move = byTarget.get(range.table());
            graph.add(Step.LOAD, range.table(), "copy " + range.table().sql() + " " + range.number(),
                    c -> copy(c, move, range, remaining.get(range.table())));
        }
        new SetAsideReturn(run).addTo(graph, objects);
        for (TableMove move : moves) {
            QualifiedName table = move.target().name();
            ContentHash hash = targetHashes.get(table);
            if (hash != null) {
                graph.add(Step.READ, table, "hash " + table.sql(), c -> hash(c, move, hash));
            }
            graph.add(Step.ANALYZE, table, "analyze " + table.sql(), c -> analyze(c, table));
        }
        return graph.tasks();
    }

    private void copy(Connection target, TableMove move, CopyRange range, AtomicLong remaining)
            throws SQLException {
        RangeCopier copier = copiers.get(target);
        if (copier == null) {
            Connection reader = snapshot.reader();
            readers.add(reader);
            copier = new RangeCopier(reader, target, run, progress, copySearchPath);
            copiers.put(target, copier);
        }
        startedAt.putIfAbsent(range.table(), System.nanoTime());
        RangeCopier.Copied copied = copier.copy(move, range, copyHashes.get(range.table()));
        TableTally tally = tallies.get(range.table());
        tally.add(copied.rows(), copied.bytes(), copied.hashSum());
        if (remaining.decrementAndGet() == 0) {
            double seconds = (System.nanoTime() - startedAt.get(range.table())) / 1e9;
            TableFigures figures = tally.finish(range.table(), seconds, rangesPerTable.get(range.table()).intValue());
            progress.tableCopied(range.table(), figures.rows(), figures.bytes(), seconds);
        }
    }

    /**
     * What the ranges of one table carried so far, added up as they finish on several workers: rows, bytes, the time
     * until the last one, and the sum of their content hashes with how many ranges were hashed.
     */
    private static final class TableTally {
        private long rows;
        private long bytes;
        private double seconds;
        private long hashSum;
        private int hashedRanges;

        synchronized void add(long rows, long bytes, Long hashSum) {
            this.rows += rows;
            this.bytes += bytes;
            if (hashSum != null) {
                this.hashSum += hashSum;
                hashedRanges++;
            }
        }

        synchronized TableFigures finish(QualifiedName table, double seconds, int ranges) {
            this.seconds = seconds;
            return figures(table, ranges);
        }

        /** The figures; the hash only when this run hashed every range. */
        synchronized TableFigures figures(QualifiedName table, int ranges) {
            return new TableFigures(table, rows, bytes, seconds, ranges, hashedRanges == ranges ? new ContentTotals(rows, hashSum) : null);
        }
    }

    /** Best effort: whatever is not hashed here is hashed by the validation, which reports any real failure. */
    private void hash(Connection c, TableMove move, ContentHash hash) throws SQLException {
        try {
            hashedTargets.put(move.target().name(), hash.totals(c, false, move.target().rowsSql()));
            c.commit();
        } catch (SQLException e) {
            Sessions.rollbackAfterFailure(c);
        }
    }

    private void analyze(Connection c, QualifiedName table) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE " + table.sql());
        }
        c.commit();
    }

    /** Per table: rows and bytes of all its ranges, the time until its last range, and its hash when all were hashed. */
    Map<QualifiedName, TableFigures> figures() {
        Map<QualifiedName, TableFigures> result = new TreeMap<>();
        tallies.forEach((table, tally) -> result.put(table, tally.figures(table, rangesPerTable.get(table).intValue())));
        return result;
    }

    /** The target content hashes taken once the tables were loaded. */
    Map<QualifiedName, ContentTotals> hashedTargets() {
        return Map.copyOf(hashedTargets);
    }

    /** Closes the source readers. */
    @Override
    public void close() {
        readers.forEach(SharedSnapshot::close);
    }
}
