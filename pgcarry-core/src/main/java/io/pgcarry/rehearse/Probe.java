package io.pgcarry.rehearse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.IntSupplier;

/**
 * One probe: a session that reads (or writes) one table in a loop, as the application would, each query in its own
 * transaction. A write is {@code UPDATE ... SET c = c WHERE false}: it takes the ROW EXCLUSIVE lock every write takes,
 * and so waits wherever a write would, yet changes no row and writes no WAL. A query during which the sampler saw the
 * session wait for a lock counts as blocked, for its whole time, against the statement that was running when it began.
 * A probe pauses 25 ms between queries: about 40 queries a second, enough to meet any lock held longer than that,
 * and light enough to leave the rehearsal's own timings alone.
 */
final class Probe implements Runnable {
    private static final long PAUSE_MILLIS = 25;

    private final Connection connection;
    private final String table;
    private final String kind;
    private final String sql;
    private final IntSupplier phase;
    private final ProbeWaits waits;
    final int pid;
    volatile long query;
    volatile long waitedQuery = -1;
    private volatile boolean running = true;

    Probe(Connection connection, String table, String kind, String sql, IntSupplier phase, ProbeWaits waits) throws SQLException {
        this.connection = connection;
        this.table = table;
        this.kind = kind;
        this.sql = sql;
        this.phase = phase;
        this.waits = waits;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_catalog.pg_backend_pid()")) {
            rs.next();
            this.pid = rs.getInt(1);
        }
    }

    @Override
    public void run() {
        try (Statement s = connection.createStatement()) {
            while (running) {
                long id = ++query;
                int during = phase.getAsInt();
                long start = System.nanoTime();
                try {
                    s.execute(sql);
                } catch (SQLException e) {
                    if (gone(e)) {
                        return;
                    }
                }
                if (waitedQuery == id && during >= 0) {
                    waits.record(during, new ProbeWait(table, kind, (System.nanoTime() - start) / 1e9));
                }
                Thread.sleep(PAUSE_MILLIS);
            }
        } catch (SQLException | InterruptedException e) {
            // the probe ends; the rehearsal goes on without it
        }
    }

    /** The table was dropped or renamed, or the session ended: nothing left to probe. */
    private static boolean gone(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.equals("42P01") || state.equals("42703") || state.startsWith("08") || state.startsWith("57");
    }

    void stop() {
        running = false;
    }

    Connection connection() {
        return connection;
    }
}
