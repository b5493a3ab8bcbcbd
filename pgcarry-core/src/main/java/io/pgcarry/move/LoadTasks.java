package io.pgcarry.move;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.connect.SharedSnapshot;
import io.pgcarry.parallel.TaskGraph.Task;
import io.pgcarry.plan.TableMove;
import io.pgcarry.verify.ContentHash;
import io.pgcarry.verify.ContentTotals;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The load of a move as one {@link io.pgcarry.parallel.TaskGraph}, so that no worker idles while another copies or
 * indexes a big table: every pending range is a copy task, biggest first; a table's keys and indexes are built as soon
 * as its rows are in, while other tables are still copying; its foreign keys once both of their tables are built
 * (see {@link Restore}); and, as soon as its rows are in, it is hashed on the target for the validation (alongside
 * its own index builds, which let readers in) and analysed once its indexes exist.
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
    private final List<Connection> readers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<QualifiedName, ContentTotals> hashedTargets = new ConcurrentHashMap<>();
    private final Map<QualifiedName, long[]> totals = new ConcurrentHashMap<>();
    private final Map<QualifiedName, Long> rangesPerTable = new HashMap<>();
    private final Set<String> stagesStarted = ConcurrentHashMap.newKeySet();
    private final Map<QualifiedName, Long> startedAt = new ConcurrentHashMap<>();

    /**
     * @param copyHashes    per target table whose rows are hashed as they are copied, how its copy carries the hash
     *                      (see {@link RangeCopier#copy})
     * @param targetHashes  per target table to hash on the target once loaded, its content hash
     */
    LoadTasks(SharedSnapshot snapshot, long run, CopyProgress progress, Map<QualifiedName, ContentHash.CopyHash> copyHashes,
              Map<QualifiedName, ContentHash> targetHashes) {
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
        Map<QualifiedName, java.util.concurrent.atomic.AtomicLong> remaining = new ConcurrentHashMap<>();
        for (CopyRange r : ranges) {
            rangesPerTable.merge(r.table(), 1L, Long::sum);
            // Per table: rows, bytes, nanoseconds, hash sum, ranges hashed in this run.
            long[] t = totals.computeIfAbsent(r.table(), table -> new long[5]);
            if (r.done()) {
                t[0] += r.rows();
                t[1] += r.bytes();
            } else {
                remaining.computeIfAbsent(r.table(), table -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
            }
        }
        Map<QualifiedName, Set<String>> loadsOf = new HashMap<>();
        List<Task> copies = new ArrayList<>();
        // Largest expected range first, so the last ranges to finish are small ones and no worker idles long.
        for (CopyRange range : ranges.stream().filter(r -> !r.done())
                .sorted(Comparator.comparingLong((CopyRange r) -> -tableBytes.getOrDefault(r.table(), 0L) / rangesPerTable.get(r.table()))
                        .thenComparing(r -> r.table().sql()).thenComparing(CopyRange::number))
                .toList()) {
            String name = "copy " + range.table().sql() + " " + range.number();
            loadsOf.computeIfAbsent(range.table(), t -> new HashSet<>()).add(name);
            TableMove move = byTarget.get(range.table());
            copies.add(Task.of(name, c -> copy(c, move, range, remaining.get(range.table()))));
        }
        Restore.Tasks restore = new Restore(run, this::phase).tasks(objects, loadsOf, tableBytes);
        List<TableMove> biggestFirst = moves.stream()
                .sorted(Comparator.comparingLong((TableMove m) -> -m.source().sizeBytes()).thenComparing(m -> m.target().name().sql()))
                .toList();
        List<Task> hashes = new ArrayList<>();
        List<Task> analyses = new ArrayList<>();
        for (TableMove move : biggestFirst) {
            QualifiedName table = move.target().name();
            Set<String> loads = loadsOf.getOrDefault(table, Set.of());
            ContentHash hash = targetHashes.get(table);
            if (hash != null) {
                hashes.add(Task.of("hash " + table.sql(), c -> hash(c, move, hash)).after(loads).shared(table.sql()));
            }
            Set<String> before = new HashSet<>(loads);
            before.addAll(restore.buildsOf().getOrDefault(table, Set.of()));
            analyses.add(Task.of("analyze " + table.sql(), c -> analyze(c, table)).after(before)
                    .shared(table.sql()).exclusive("w:" + table.sql()));
        }
        List<Task> tasks = new ArrayList<>(copies);
        tasks.addAll(restore.builds());
        tasks.addAll(hashes);
        tasks.addAll(restore.constraints());
        tasks.addAll(analyses);
        tasks.addAll(restore.triggers());
        return tasks;
    }

    private void copy(Connection target, TableMove move, CopyRange range, java.util.concurrent.atomic.AtomicLong remaining)
            throws SQLException {
        RangeCopier copier = copiers.get(target);
        if (copier == null) {
            Connection reader = snapshot.reader();
            readers.add(reader);
            copier = new RangeCopier(reader, target, run, progress);
            copiers.put(target, copier);
        }
        startedAt.putIfAbsent(range.table(), System.nanoTime());
        RangeCopier.Copied copied = copier.copy(move, range, copyHashes.get(range.table()));
        long[] t = totals.get(range.table());
        long elapsed = System.nanoTime() - startedAt.get(range.table());
        boolean last = remaining.decrementAndGet() == 0;
        synchronized (t) {
            t[0] += copied.rows();
            t[1] += copied.bytes();
            if (copied.hashSum() != null) {
                t[3] += copied.hashSum();
                t[4]++;
            }
            if (last) {
                t[2] = elapsed;
            }
        }
        if (last) {
            progress.tableCopied(range.table(), t[0], t[1], elapsed / 1e9);
        }
    }

    /** Best effort: whatever is not hashed here is hashed by the validation, which reports any real failure. */
    private void hash(Connection c, TableMove move, ContentHash hash) throws SQLException {
        phase("hashing");
        try {
            hashedTargets.put(move.target().name(), hash.totals(c, false, move.target().rowsSql()));
            c.commit();
        } catch (SQLException e) {
            io.pgcarry.connect.Sessions.rollbackAfterFailure(c);
        }
    }

    private void analyze(Connection c, QualifiedName table) throws SQLException {
        phase("analyze");
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE " + table.sql());
        }
        c.commit();
    }

    private void phase(String name) {
        if (stagesStarted.add(name)) {
            progress.phase(name);
        }
    }

    /** Per table: rows and bytes of all its ranges, the time until its last range, and its hash when all were hashed. */
    Map<QualifiedName, TableFigures> figures() {
        Map<QualifiedName, TableFigures> result = new TreeMap<>();
        totals.forEach((table, t) -> {
            synchronized (t) {
                result.put(table, new TableFigures(table, t[0], t[1], t[2] / 1e9, rangesPerTable.get(table).intValue(),
                        t[4] == rangesPerTable.get(table) ? new ContentTotals(t[0], t[3]) : null));
            }
        });
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
