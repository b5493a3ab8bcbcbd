package io.pgcarry.rehearse;

import io.pgcarry.lint.LockMode;
import io.pgcarry.error.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A second session on the scratch database that reads the migration session's locks from {@code pg_locks}: once,
 * before a statement's own transaction commits (or after it failed, while the aborted transaction still holds them),
 * or every ~10 ms while a statement that cannot run in a transaction runs. Not thread-safe: one sampling at a time.
 */
final class LockWatcher implements AutoCloseable {
    static final long INTERVAL_MILLIS = 10;

    private final Connection connection;
    private final PreparedStatement locks;
    private final int pid;

    LockWatcher(Connection connection, int pid) throws SQLException {
        this.connection = connection;
        this.locks = LockSample.prepare(connection);
        this.pid = pid;
    }

    /** The locks the migration session holds now. */
    List<LockSample> now() throws SQLException {
        return LockSample.read(locks, pid);
    }

    /** Starts sampling every {@code intervalMillis} on a thread of its own; {@link Sampling#stop()} ends it and gives what was seen. */
    Sampling sample(long intervalMillis) {
        Sampling sampling = new Sampling(intervalMillis);
        Thread thread = new Thread(sampling, "pgcarry-rehearse-lock-watcher");
        thread.setDaemon(true);
        sampling.thread = thread;
        thread.start();
        sampling.awaitFirst();
        return sampling;
    }

    /** Takes ACCESS EXCLUSIVE on {@code table} (quoted SQL) in a transaction of the watcher's, until the hold is closed. */
    Hold hold(String table) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
        } catch (SQLException e) {
            connection.rollback();
            connection.setAutoCommit(true);
            throw e;
        }
        return new Hold();
    }

    /** A lock the watcher holds against the migration session; closing it lets the session go on. */
    final class Hold implements AutoCloseable {
        /** The session's locks once it waits for one, or what it holds after {@code millis} if it never does. */
        List<LockSample> awaitWaiting(long millis) throws SQLException {
            long deadline = System.nanoTime() + millis * 1_000_000;
            List<LockSample> locks = now();
            while (locks.stream().allMatch(LockSample::granted) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                locks = now();
            }
            return locks;
        }

        @Override
        public void close() throws SQLException {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // a scratch session: nothing to keep
        }
    }

    /** The granted locks seen while sampling, each with when it was first and last seen. */
    final class Sampling implements Runnable {
        private final Map<Key, long[]> seen = new LinkedHashMap<>();
        private final long interval;
        private final java.util.concurrent.CountDownLatch first = new java.util.concurrent.CountDownLatch(1);
        /** Counted down by {@link #stop()}: the sampler waits on it between readings, so a stop ends the wait at once. */
        private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        private Thread thread;
        private SQLException failure;

        private Sampling(long interval) {
            this.interval = interval;
        }

        record Key(long oid, LockMode mode) {
        }

        @Override
        public void run() {
            try {
                do {
                    long at = System.nanoTime();
                    for (LockSample s : now()) {
                        if (s.granted()) {
                            seen.computeIfAbsent(new Key(s.oid(), s.mode()), k -> new long[] {at, at})[1] = at;
                        }
                    }
                    first.countDown();
                } while (!stopped.await(interval, java.util.concurrent.TimeUnit.MILLISECONDS));
            } catch (SQLException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                first.countDown();
            }
        }

        /** Returns once the sampler runs (its first reading done), so that the statement starts under watch. */
        private void awaitFirst() {
            try {
                first.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Stops sampling; per lock seen, the seconds it was seen held (one interval at least). */
        Map<Key, Double> stop() {
            stopped.countDown();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw SqlErrors.translate("sampling the locks of the statement", failure);
            }
            Map<Key, Double> held = new LinkedHashMap<>();
            seen.forEach((k, t) -> held.put(k, (t[1] - t[0]) / 1e9 + interval / 1000.0));
            return held;
        }
    }
}
