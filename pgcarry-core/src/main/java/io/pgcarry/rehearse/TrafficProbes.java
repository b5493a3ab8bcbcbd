package io.pgcarry.rehearse;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.catalog.SqlResource;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.error.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Probe traffic during a rehearsal: per table, a reading and a writing {@link Probe}, and a sampler that reads
 * {@code pg_stat_activity} every ~10 ms to see which probes wait for a lock. Closing stops them all.
 */
final class TrafficProbes implements AutoCloseable {
    private static final SqlResource SQL = SqlResource.of(TrafficProbes.class);

    private final List<Probe> probes = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final ProbeWaits waits = new ProbeWaits();
    private Connection samplerConnection;
    private volatile boolean sampling = true;

    /** Starts probing {@code tables} of the scratch database; {@code phase} says what the rehearsal is running now. */
    static TrafficProbes start(Connector connector, ConnectionSpec scratch, List<QualifiedName> tables, IntSupplier phase) {
        TrafficProbes traffic = new TrafficProbes();
        try {
            for (QualifiedName table : tables) {
                traffic.add(connector.open(scratch), table, "read", "SELECT 1 FROM " + table.sql() + " LIMIT 1", phase);
                Connection writer = connector.open(scratch);
                String column = Identifiers.quote(column(writer, table));
                traffic.add(writer, table, "write", "UPDATE " + table.sql() + " SET " + column + " = " + column + " WHERE false", phase);
            }
            traffic.samplerConnection = connector.open(scratch);
        } catch (SQLException e) {
            traffic.close();
            throw SqlErrors.translate("starting the probe traffic", e);
        }
        traffic.probes.forEach(p -> traffic.thread(p, "pgcarry-rehearse-probe"));
        traffic.thread(traffic::sample, "pgcarry-rehearse-probe-sampler");
        return traffic;
    }

    ProbeWaits waits() {
        return waits;
    }

    private void add(Connection c, QualifiedName table, String kind, String sql, IntSupplier phase) throws SQLException {
        probes.add(new Probe(c, table.toString(), kind, sql, phase, waits));
    }

    private void thread(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private void sample() {
        Integer[] pids = probes.stream().map(p -> p.pid).toArray(Integer[]::new);
        try (PreparedStatement ps = samplerConnection.prepareStatement(SQL.get("waiting"))) {
            ps.setArray(1, samplerConnection.createArrayOf("int4", pids));
            while (sampling) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int pid = rs.getInt(1);
                        probes.stream().filter(p -> p.pid == pid).forEach(p -> p.waitedQuery = p.query);
                    }
                }
                Thread.sleep(LockWatcher.INTERVAL_MILLIS);
            }
        } catch (SQLException | InterruptedException e) {
            // sampling ends; waits seen so far stand
        }
    }

    private static String column(Connection c, QualifiedName table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL.get("column"))) {
            ps.setString(1, table.sql());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("table " + table + " has no column to probe", "42703");
                }
                return rs.getString(1);
            }
        }
    }

    @Override
    public void close() {
        sampling = false;
        probes.forEach(Probe::stop);
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        probes.forEach(p -> closeQuietly(p.connection()));
        closeQuietly(samplerConnection);
    }

    private static void closeQuietly(Connection c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException ignored) {
            // a scratch session
        }
    }
}
