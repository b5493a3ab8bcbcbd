package io.pgcarry.move;

import io.pgcarry.connect.SharedSnapshot;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.Sessions;
import io.pgcarry.error.InterruptedWorkException;
import io.pgcarry.error.PgCarryException;
import io.pgcarry.plan.TableMove;
import io.pgcarry.verify.ContentTotals;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.postgresql.PGConnection;

/**
 * Copies the pending ranges with {@code jobs} workers, each with one source reader (in the shared snapshot)
 * and one target connection. The first failure stops every worker: their running COPYs are cancelled and
 * their transactions roll back, so only whole, journaled ranges remain.
 */
final class CopyPhase {
    /**
     * Figures of one table, summed over its ranges; {@code copied} is the content hash summed from its rows when this
     * run copied every range of it with hashing, otherwise null.
     */
    record TableFigures(QualifiedName table, long rows, long bytes, double seconds, ContentTotals copied) {
    }

    private final SharedSnapshot snapshot;
    private final Connector connector;
    private final ConnectionSpec targetSpec;
    private final long run;
    private final int jobs;
    private final CopyProgress progress;
    private final Map<QualifiedName, String> rowHashes;

    /**
     * @param rowHashes  per target table whose rows are hashed as they are copied, the source-side row hash (see
     *                   {@link RangeCopier#copy})
     */
    CopyPhase(SharedSnapshot snapshot, Connector connector, ConnectionSpec targetSpec, long run, int jobs, CopyProgress progress,
              Map<QualifiedName, String> rowHashes) {
        this.rowHashes = Map.copyOf(rowHashes);
        this.snapshot = snapshot;
        this.connector = connector;
        this.targetSpec = targetSpec;
        this.run = run;
        this.jobs = jobs;
        this.progress = progress;
    }

    Map<QualifiedName, TableFigures> copy(List<TableMove> moves, List<CopyRange> ranges) {
        Map<QualifiedName, TableMove> byTarget = new ConcurrentHashMap<>();
        moves.forEach(m -> byTarget.put(m.target().name(), m));
        Map<QualifiedName, LongAdder> remaining = new ConcurrentHashMap<>();
        // Per table: rows, bytes, nanoseconds, hash sum, ranges hashed in this run.
        Map<QualifiedName, long[]> totals = new ConcurrentHashMap<>();
        for (CopyRange r : ranges) {
            totals.computeIfAbsent(r.table(), t -> new long[5]);
            if (r.done()) {
                long[] t = totals.get(r.table());
                t[0] += r.rows();
                t[1] += r.bytes();
            } else {
                remaining.computeIfAbsent(r.table(), t -> new LongAdder()).increment();
            }
        }
        Map<QualifiedName, Long> rangesPerTable = new java.util.HashMap<>();
        ranges.forEach(r -> rangesPerTable.merge(r.table(), 1L, Long::sum));
        // Largest expected range first, so the last ranges to finish are small ones and no worker idles long.
        ConcurrentLinkedQueue<CopyRange> queue = new ConcurrentLinkedQueue<>(ranges.stream().filter(r -> !r.done())
                .sorted(Comparator.comparingLong((CopyRange r) -> -byTarget.get(r.table()).source().sizeBytes()
                                / rangesPerTable.get(r.table()))
                        .thenComparing(CopyRange::table).thenComparing(CopyRange::number))
                .toList());
        Map<QualifiedName, Long> startedAt = new ConcurrentHashMap<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Connection> open = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, queue.size())), daemonThreads());
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < Math.max(1, Math.min(jobs, queue.size())); i++) {
            workers.add(pool.submit(() -> work(queue, byTarget, remaining, totals, startedAt, failure, open)));
        }
        try {
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (InterruptedException e) {
            failure.compareAndSet(null, new InterruptedWorkException("interrupted during the copy; run 'pgcarry move --resume' or '--abort'"));
            cancelAll(open);
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            failure.compareAndSet(null, new IllegalStateException(e.getCause()));
        } finally {
            pool.shutdownNow();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        Map<QualifiedName, TableFigures> result = new java.util.TreeMap<>();
        totals.forEach((table, t) -> result.put(table, new TableFigures(table, t[0], t[1], t[2] / 1e9,
                t[4] == rangesPerTable.get(table) ? new ContentTotals(t[0], t[3]) : null)));
        return result;
    }

    private void work(ConcurrentLinkedQueue<CopyRange> queue, Map<QualifiedName, TableMove> byTarget,
                      Map<QualifiedName, LongAdder> remaining, Map<QualifiedName, long[]> totals,
                      Map<QualifiedName, Long> startedAt, AtomicReference<RuntimeException> failure, List<Connection> open) {
        Connection source = null;
        Connection target = null;
        try {
            source = snapshot.reader();
            open.add(source);
            target = Sessions.prepare(connector.open(targetSpec));
            open.add(target);
            RangeCopier copier = new RangeCopier(source, target, run, progress);
            CopyRange range;
            while (failure.get() == null && (range = queue.poll()) != null) {
                startedAt.putIfAbsent(range.table(), System.nanoTime());
                RangeCopier.Copied copied = copier.copy(byTarget.get(range.table()), range, rowHashes.get(range.table()));
                long[] t = totals.get(range.table());
                synchronized (t) {
                    t[0] += copied.rows();
                    t[1] += copied.bytes();
                    if (copied.hashSum() != null) {
                        t[3] += copied.hashSum();
                        t[4]++;
                    }
                }
                LongAdder left = remaining.get(range.table());
                left.decrement();
                if (left.sum() == 0) {
                    long elapsed = System.nanoTime() - startedAt.get(range.table());
                    synchronized (t) {
                        t[2] = elapsed;
                    }
                    progress.tableCopied(range.table(), t[0], t[1], elapsed / 1e9);
                }
            }
        } catch (PgCarryException e) {
            if (failure.compareAndSet(null, e)) {
                cancelAll(open);
            }
        } catch (SQLException | RuntimeException e) {
            RuntimeException wrapped = e instanceof RuntimeException r ? r : new IllegalStateException(e);
            if (failure.compareAndSet(null, wrapped)) {
                cancelAll(open);
            }
        } finally {
            SharedSnapshot.close(source);
            SharedSnapshot.close(target);
        }
    }

    /** Cancels whatever the other workers are running, so the first error stops everything at once. */
    private static void cancelAll(List<Connection> open) {
        for (Connection c : open) {
            try {
                c.unwrap(PGConnection.class).cancelQuery();
            } catch (SQLException ignored) {
                // Already closed.
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        return r -> {
            Thread t = new Thread(r, "pgcarry-copy");
            t.setDaemon(true);
            return t;
        };
    }
}
