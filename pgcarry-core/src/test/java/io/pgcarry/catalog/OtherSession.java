package io.pgcarry.catalog;

import io.pgcarry.embedded.junit.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Another session on a test database, as a colleague's application would hold one: a transaction left open, and the
 * means to see from pg_locks who waits for whom.
 */
final class OtherSession implements AutoCloseable {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final PostgresExtension pg;
    private final String database;
    private final Connection connection;

    private OtherSession(PostgresExtension pg, String database, Connection connection) {
        this.pg = pg;
        this.database = database;
        this.connection = connection;
    }

    /** Opens a transaction on {@code database}, runs {@code sql} in it and leaves it open. */
    static OtherSession holding(PostgresExtension pg, String database, String sql) throws SQLException {
        Connection c = pg.server().connect(database);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
        return new OtherSession(pg, database, c);
    }

    int pid() throws SQLException {
        return Integer.parseInt(query(connection, "SELECT pg_backend_pid()"));
    }

    void commit() throws SQLException {
        connection.commit();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    /** The outcome of pgcarry run in a thread of its own: its result or what it threw. */
    record Outcome<T>(T result, Throwable failure) {
    }

    /** Starts {@code work} in a thread; the returned future is what the test waits on. */
    static <T> Future<T> start(Callable<T> work) {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            return executor.submit(work);
        } finally {
            executor.shutdown();
        }
    }

    static <T> Outcome<T> outcome(Future<T> work) throws InterruptedException, TimeoutException {
        try {
            return new Outcome<>(work.get(PATIENCE.toSeconds(), TimeUnit.SECONDS), null);
        } catch (ExecutionException e) {
            return new Outcome<>(null, e.getCause());
        }
    }

    /** Waits until a backend whose application is {@code application} waits for a lock on {@code table}. */
    void awaitWaiter(String application, String table, Future<?> running) throws Exception {
        awaitWaiting("a.application_name = '" + application + "'", table, running);
    }

    /** Waits until the backend {@code pid} waits for a lock on {@code table}. */
    void awaitWaiter(int pid, String table, Future<?> running) throws Exception {
        awaitWaiting("a.pid = " + pid, table, running);
    }

    private void awaitWaiting(String who, String table, Future<?> running) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String sql = """
                SELECT count(*) FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
                WHERE NOT l.granted AND l.relation = '%s'::regclass AND %s""".formatted(table, who);
        try (Connection monitor = pg.server().connect(database)) {
            while (Integer.parseInt(query(monitor, sql)) == 0) {
                if (running.isDone()) {
                    running.get();
                    throw new AssertionError("finished without waiting for a lock on " + table);
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("nobody (" + who + ") waited for a lock on " + table);
                }
                Thread.sleep(20);
            }
        }
    }

    static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
