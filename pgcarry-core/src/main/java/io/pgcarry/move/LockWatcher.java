package io.pgcarry.move;

import io.pgcarry.catalog.SqlResource;
import io.pgcarry.connect.SharedSnapshot;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.copy.LockWait;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.postgresql.PGConnection;

/**
 * Watches, on a connection of its own, the move's sessions for lock waits: a step that waits more than 2 seconds
 * for a lock another session holds is reported with who holds it, again every 10 seconds, and once more when the
 * wait ends, so a move held up by someone's open transaction does not look hung. Best effort: if the watcher
 * cannot connect or query, the move goes on unwatched. Closing it stops its thread and closes its connection.
 */
final class LockWatcher implements AutoCloseable {
    private static final SqlResource SQL = SqlResource.of(LockWatcher.class);
    private static final long FIRST_REPORT = TimeUnit.SECONDS.toNanos(2);
    private static final long REPEAT_REPORT = TimeUnit.SECONDS.toNanos(10);
    private static final long POLL_MILLIS = 500;

    /** A wait seen on consecutive polls: when it was first seen and last reported (0 when not yet). */
    private record Waiting(long since, long reported, LockWait last) {
    }

    private final Set<Integer> pids = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Waiting> waiting = new HashMap<>();
    private final CopyProgress progress;
    private final Connection connection;
    private final Thread thread;
    private volatile boolean stopped;

    private LockWatcher(Connection connection, CopyProgress progress) {
        this.connection = connection;
        this.progress = progress;
        this.thread = new Thread(this::watchUntilClosed, "pgcarry-lock-watcher");
        thread.setDaemon(true);
        if (connection != null) {
            thread.start();
        }
    }

    /** Starts watching, on a connection from {@code opener}; a watcher that cannot connect watches nothing. */
    static LockWatcher start(Supplier<Connection> opener, CopyProgress progress) {
        Connection c;
        try {
            c = opener.get();
        } catch (RuntimeException e) {
            c = null;
        }
        return new LockWatcher(c, progress);
    }

    /** Adds a session of the move to watch, and returns it. */
    Connection watch(Connection session) {
        try {
            pids.add(session.unwrap(PGConnection.class).getBackendPID());
        } catch (SQLException e) {
            // Not a PostgreSQL connection: nothing to watch.
        }
        return session;
    }

    private void watchUntilClosed() {
        try (PreparedStatement query = connection.prepareStatement(SQL.get("blocked"))) {
            query.setQueryTimeout(5);
            while (!stopped) {
                poll(query);
                Thread.sleep(POLL_MILLIS);
            }
        } catch (SQLException | RuntimeException e) {
            // Best effort: a watcher that fails stops watching; the move is not affected.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            SharedSnapshot.close(connection);
        }
    }

    private void poll(PreparedStatement query) throws SQLException {
        Map<Integer, LockWait> now = blocked(query);
        long clock = System.nanoTime();
        for (Map.Entry<Integer, LockWait> e : now.entrySet()) {
            Waiting w = waiting.getOrDefault(e.getKey(), new Waiting(clock, 0, e.getValue()));
            double seconds = (clock - w.since()) / 1e9;
            LockWait wait = new LockWait(e.getValue().step(), e.getValue().relation(), e.getKey(), seconds, e.getValue().blockers(), false);
            boolean due = w.reported() == 0 ? clock - w.since() >= FIRST_REPORT : clock - w.reported() >= REPEAT_REPORT;
            if (due) {
                progress.lockWait(wait);
            }
            waiting.put(e.getKey(), new Waiting(w.since(), due ? clock : w.reported(), wait));
        }
        waiting.keySet().stream().filter(pid -> !now.containsKey(pid)).toList().forEach(pid -> over(pid, clock));
    }

    /** Reports the end of a wait that was reported. */
    private void over(int pid, long clock) {
        Waiting w = waiting.remove(pid);
        if (w.reported() != 0) {
            LockWait last = w.last();
            progress.lockWait(new LockWait(last.step(), last.relation(), pid, (clock - w.since()) / 1e9, last.blockers(), true));
        }
    }

    /** Per waiting session of the move, what it waits for and who holds it up. */
    private Map<Integer, LockWait> blocked(PreparedStatement query) throws SQLException {
        Map<Integer, LockWait> result = new LinkedHashMap<>();
        if (pids.isEmpty()) {
            return result;
        }
        Array array = connection.createArrayOf("int4", pids.toArray());
        query.setArray(1, array);
        Map<Integer, List<LockWait.Blocker>> blockers = new HashMap<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                int pid = rs.getInt(1);
                List<LockWait.Blocker> of = blockers.computeIfAbsent(pid, p -> new ArrayList<>());
                result.putIfAbsent(pid, new LockWait(Step.of(rs.getString(2)).label, rs.getString(3), pid, 0, of, false));
                Object transaction = rs.getObject(8);
                of.add(new LockWait.Blocker(rs.getInt(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        transaction == null ? null : ((Number) transaction).doubleValue()));
            }
        }
        result.replaceAll((pid, w) -> new LockWait(w.step(), w.relation(), pid, 0, blockers.get(pid), false));
        return result;
    }

    /** Stops the watcher and closes its connection. */
    @Override
    public void close() {
        stopped = true;
        if (connection == null) {
            return;
        }
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            SharedSnapshot.close(connection);
        } else {
            // A wait that ended after the last poll, or that the move's end cut short, is over as well.
            long clock = System.nanoTime();
            List.copyOf(waiting.keySet()).forEach(pid -> over(pid, clock));
        }
    }

    /** The step of a move a statement belongs to, as a person would name it. */
    private enum Step {
        VALIDATE("validating a foreign key"),
        ADD_FOREIGN_KEY("adding a foreign key"),
        BUILD_KEY("building a key"),
        BUILD_INDEX("building an index"),
        SET_ASIDE("setting keys, indexes or triggers aside"),
        ENABLE_TRIGGER("re-enabling a trigger"),
        LOCK("LOCK TABLE"),
        TRUNCATE("TRUNCATE"),
        COPY("COPY"),
        ANALYZE("ANALYZE"),
        OTHER("a statement");

        private final String label;

        Step(String label) {
            this.label = label;
        }

        static Step of(String query) {
            String q = query == null ? "" : query.strip().toUpperCase(Locale.ROOT);
            if (q.contains("VALIDATE CONSTRAINT")) {
                return VALIDATE;
            } else if (q.contains("ADD CONSTRAINT") && q.contains("FOREIGN KEY")) {
                return ADD_FOREIGN_KEY;
            } else if (q.contains("ADD CONSTRAINT")) {
                return BUILD_KEY;
            } else if (q.startsWith("CREATE") && q.contains("INDEX")) {
                return BUILD_INDEX;
            } else if (q.contains("DROP CONSTRAINT") || q.startsWith("DROP INDEX") || q.contains("DISABLE TRIGGER")) {
                return SET_ASIDE;
            } else if (q.contains("ENABLE TRIGGER")) {
                return ENABLE_TRIGGER;
            }
            for (Step step : List.of(LOCK, TRUNCATE, COPY, ANALYZE)) {
                if (q.startsWith(step.label)) {
                    return step;
                }
            }
            return OTHER;
        }
    }
}
