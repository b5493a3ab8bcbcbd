package io.pgcarry.rehearse;

import io.pgcarry.lint.LockMode;
import io.pgcarry.migrate.apply.ScriptStep;
import io.pgcarry.rehearse.RelationSnapshot.Relation;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import io.pgcarry.catalog.QualifiedName;
import java.util.concurrent.CompletableFuture;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;

/**
 * Runs one statement on the scratch database and measures it. A statement that may run in a transaction runs in one of
 * its own: the relations are read before it, then after it in the same transaction (so the statement's new files and
 * sizes show before it commits), and the {@link LockWatcher} reads its locks from {@code pg_locks} before the commit (and samples
 * them meanwhile, for a statement that fails: its locks are gone when it returns). A statement that cannot run in a
 * transaction runs in autocommit while the watcher samples its locks.
 */
final class StatementMeter {
    /**
     * How often the locks of a statement in a transaction are sampled, only to name them should it fail (its own
     * reading before commit is exact); a failed statement the sampling missed runs again, made to wait for a lock.
     */
    private static final long FAILURE_SAMPLING_MILLIS = 100;
    /** How long a failed statement run again may take to start waiting for the lock held against it. */
    private static final long RETRY_WAIT_MILLIS = 5000;

    private final Connection session;
    private final LockWatcher watcher;
    private final Set<Long> existing;

    /**
     * @param existing the relations that existed before the migration: a lock on another one (a table the migration
     *                 creates) blocks nobody
     */
    StatementMeter(Connection session, LockWatcher watcher, Set<Long> existing) {
        this.session = session;
        this.watcher = watcher;
        this.existing = existing;
    }

    Measurement inTransaction(ScriptStep step) throws SQLException {
        session.setAutoCommit(false);
        RelationSnapshot before = RelationSnapshot.read(session, List.of(), false);
        // sampled too, seldom: a statement that fails has released its locks by the time it returns
        LockWatcher.Sampling sampling = watcher.sample(FAILURE_SAMPLING_MILLIS);
        long start = System.nanoTime();
        SQLException error = execute(step);
        long end = System.nanoTime();
        Map<LockWatcher.Sampling.Key, Double> seen = sampling.stop();
        if (error != null) {
            session.rollback();
            session.setAutoCommit(true);
            return failed(start, end, seen, before, step, error);
        }
        List<LockSample> locks = watcher.now();
        RelationSnapshot after = RelationSnapshot.read(session, locks.stream().map(LockSample::oid).toList(), false);
        session.commit();
        long committed = System.nanoTime();
        session.setAutoCommit(true);
        long wal = RelationSnapshot.walSince(session, before.walLsn());
        List<HeldLock> held = held(locks, before, after, (committed - start) / 1e9);
        return new Measurement(start, end, committed, held, written(before, after), wal, delta(before, after, Relation::blocks),
                delta(before, after, Relation::inserted) + delta(before, after, Relation::dead), dead(before, after), null);
    }

    Measurement outsideTransaction(ScriptStep step) throws SQLException {
        RelationSnapshot before = RelationSnapshot.read(session, List.of(), false);
        LockWatcher.Sampling sampling = watcher.sample(LockWatcher.INTERVAL_MILLIS);
        long start = System.nanoTime();
        SQLException error = execute(step);
        long end = System.nanoTime();
        Map<LockWatcher.Sampling.Key, Double> seen = sampling.stop();
        RelationSnapshot after = RelationSnapshot.read(session, List.of(), true);
        List<HeldLock> held = new ArrayList<>();
        seen.forEach((k, seconds) -> lock(k.oid(), k.mode(), before, after, seconds, held));
        long wal = RelationSnapshot.walSince(session, before.walLsn());
        Failure failure = error == null ? null : OffendingRows.of(session, step.sql(), error);
        return new Measurement(start, end, end, merge(held), written(before, after), wal, 0, 0, Map.of(), failure);
    }

    private Measurement failed(long start, long end, Map<LockWatcher.Sampling.Key, Double> seen, RelationSnapshot before,
                               ScriptStep step, SQLException error) throws SQLException {
        List<HeldLock> held = new ArrayList<>();
        seen.forEach((k, seconds) -> lock(k.oid(), k.mode(), before, before, seconds, held));
        if (held.isEmpty()) {
            again(step, error, (end - start) / 1e9).forEach((k, seconds) -> lock(k.oid(), k.mode(), before, before, seconds, held));
        }
        Failure failure = OffendingRows.of(session, step.sql(), error);
        return new Measurement(start, end, end, merge(held), List.of(), 0, 0, 0, Map.of(), failure);
    }

    /**
     * A failed statement faster than the sampling, run again (to fail again, rolled back) while the watcher holds
     * ACCESS EXCLUSIVE on the table the error names: the statement then waits for its lock on that table, and its
     * locks (the one it waits for, and those it already holds) are read while it waits. Empty when the error names no
     * table or the statement does not wait within a few seconds.
     */
    private Map<LockWatcher.Sampling.Key, Double> again(ScriptStep step, SQLException error, double seconds) throws SQLException {
        String table = error instanceof PSQLException p && p.getServerErrorMessage() != null && p.getServerErrorMessage().getTable() != null
                ? new QualifiedName(p.getServerErrorMessage().getSchema(), p.getServerErrorMessage().getTable()).sql() : null;
        if (table == null) {
            return Map.of();
        }
        session.setAutoCommit(false);
        List<LockSample> seen;
        CompletableFuture<SQLException> rerun;
        try (LockWatcher.Hold hold = watcher.hold(table)) {
            rerun = CompletableFuture.supplyAsync(() -> execute(step));
            seen = hold.awaitWaiting(RETRY_WAIT_MILLIS);
        }
        rerun.join();
        session.rollback();
        session.setAutoCommit(true);
        Map<LockWatcher.Sampling.Key, Double> locks = new LinkedHashMap<>();
        seen.forEach(l -> locks.put(new LockWatcher.Sampling.Key(l.oid(), l.mode()), seconds));
        return locks;
    }

    private SQLException execute(ScriptStep step) {
        try {
            if (step.copyData() != null) {
                session.unwrap(PGConnection.class).getCopyAPI().copyIn(step.sql(), new StringReader(step.copyData()));
            } else {
                try (Statement s = session.createStatement()) {
                    s.setEscapeProcessing(false);
                    s.execute(step.sql());
                }
            }
            return null;
        } catch (SQLException e) {
            return e;
        } catch (IOException e) {
            return new SQLException(e.getMessage(), "58030", e);
        }
    }

    private List<HeldLock> held(List<LockSample> locks, RelationSnapshot before, RelationSnapshot after, double seconds) {
        List<HeldLock> held = new ArrayList<>();
        locks.stream().filter(LockSample::granted).forEach(l -> lock(l.oid(), l.mode(), before, after, seconds, held));
        return merge(held);
    }

    /** Adds the lock when the relation is the migration's to see (not a system catalog's). */
    private void lock(long oid, LockMode mode, RelationSnapshot before, RelationSnapshot after, double seconds, List<HeldLock> out) {
        Relation r = after.get(oid).or(() -> before.get(oid)).orElse(null);
        if (r == null) {
            return;
        }
        Relation table = after.get(r.tableOid()).or(() -> before.get(r.tableOid())).orElse(r);
        out.add(new HeldLock(r.name().toString(), r.kindLabel(), table.name().toString(), mode, !existing.contains(oid), seconds));
    }

    /** One lock per relation: the strongest mode taken on it. */
    private static List<HeldLock> merge(List<HeldLock> locks) {
        Map<String, HeldLock> strongest = new LinkedHashMap<>();
        for (HeldLock l : locks) {
            strongest.merge(l.relation(), l, (a, b) -> b.mode().compareTo(a.mode()) > 0 ? b : a);
        }
        return List.copyOf(strongest.values());
    }

    private static List<Written> written(RelationSnapshot before, RelationSnapshot after) {
        List<Written> written = new ArrayList<>();
        for (Relation r : after.relations().values()) {
            Relation old = before.relations().get(r.oid());
            boolean rewritten = old != null && old.filenode() != r.filenode() && r.filenode() != 0;
            boolean built = old == null && List.of("r", "i", "m", "t").contains(r.kind()) && r.bytes() != null && r.bytes() > 8192;
            if ((rewritten || built) && r.bytes() != null) {
                written.add(new Written(r.name().toString(), r.kindLabel(), rewritten, r.bytes()));
            }
        }
        return written;
    }

    private static long delta(RelationSnapshot before, RelationSnapshot after, ToLongFunction<Relation> counter) {
        long total = 0;
        for (Relation r : after.relations().values()) {
            Relation old = before.relations().get(r.oid());
            if (old != null && (r.kind().equals("r") || r.kind().equals("m"))) {
                total += Math.max(0, counter.applyAsLong(r) - counter.applyAsLong(old));
            }
        }
        return total;
    }

    private static Map<String, Long> dead(RelationSnapshot before, RelationSnapshot after) {
        Map<String, Long> dead = new LinkedHashMap<>();
        for (Relation r : after.relations().values()) {
            Relation old = before.relations().get(r.oid());
            if (old != null && r.dead() > old.dead()) {
                dead.put(r.name().toString(), r.dead() - old.dead());
            }
        }
        return dead;
    }
}
