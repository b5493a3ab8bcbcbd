package io.pgcarry.tables;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.connect.ConnectionResolver;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.EndpointSource;
import io.pgcarry.embedded.EmbeddedPostgres;
import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.plan.TableSelection;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The statistics of a test database, brought to a known state. They are asynchronous: a session's counts reach them
 * when it flushes (at the latest when it ends; {@code pg_stat_force_next_flush()} from PostgreSQL 15 on), and on 13 and
 * 14 through the statistics collector. So each step runs in a session of its own that ends, and what follows polls,
 * with a timeout, until the counts show it.
 */
final class Statistics {
    static final String MARKER = "stats_marker";
    /** Everything but the marker. */
    static final TableSelection ALL = new TableSelection(List.of(), List.of(MARKER));
    /** An unprivileged role that reads: no table privileges unless a test grants them. */
    static final String AUDITOR = "auditor";
    static final String PASSWORD = "audit-pw";
    private static final ConnectionResolver RESOLVER = new ConnectionResolver(Map.of(), Path.of("/nonexistent-home"));
    private static final long TIMEOUT_MILLIS = 30_000;
    private static final TableSelection EVERYTHING = new TableSelection(List.of(), List.of());

    private Statistics() {
    }

    /**
     * Runs {@code sql} as the superuser in a session of its own, then reads {@code public.stats_marker} (created when
     * missing) and ends the session: once the marker shows that scan, everything {@code sql} did is counted.
     */
    static void runCounted(PostgresExtension pg, String sql) throws SQLException {
        long before = markerScans(read(pg, EVERYTHING, null, false));
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
            s.execute("CREATE TABLE IF NOT EXISTS public." + MARKER + " (id int)");
            s.execute("SELECT count(*) FROM public." + MARKER);
            if (pg.server().version().major() >= 15) {
                s.execute("SELECT pg_stat_force_next_flush()");
            }
        }
        await(pg, EVERYTHING, report -> markerScans(report) > before, "the marker's scan");
    }

    /** Resets the database's statistics once everything before is counted, and waits until the reset shows. */
    static void reset(PostgresExtension pg) throws SQLException {
        runCounted(pg, "SELECT 1");
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_reset()");
        }
        await(pg, EVERYTHING, report -> report.statsReset() != null && report.tables().stream()
                .allMatch(t -> t.activity().writes() == 0 && t.activity().scans() == 0), "the reset");
    }

    /** Creates {@link #AUDITOR} on the server of {@code pg}, once per test class. */
    static void createAuditor(PostgresExtension pg) {
        // PostgreSQL 13 still stores md5 by default, and the password role logs in with scram-sha-256
        pg.server().execute("SET password_encryption = 'scram-sha-256'; CREATE ROLE " + AUDITOR + " LOGIN PASSWORD '" + PASSWORD + "' IN ROLE "
                + EmbeddedPostgres.PASSWORD_ROLE);
    }

    /** The report of {@code selection}, as {@code auditor} reads it, once {@code until} holds. */
    static TablesReport await(PostgresExtension pg, TableSelection selection, Predicate<TablesReport> until, String what) {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (true) {
            TablesReport report = read(pg, selection, null, false);
            if (until.test(report)) {
                return report;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the statistics did not show " + what + " within " + TIMEOUT_MILLIS + " ms: " + report);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** {@code pgcarry tables} of the current test's database, read by the unprivileged role {@code auditor}. */
    static TablesReport read(PostgresExtension pg, TableSelection selection, String sourceDatabase, boolean exact) {
        return new Tables(new Connector(10)).read(new TablesRequest(spec(pg, pg.database()),
                sourceDatabase == null ? null : spec(pg, sourceDatabase), null, selection, exact));
    }

    static ConnectionSpec spec(PostgresExtension pg, String database) {
        return RESOLVER.resolve(new EndpointSource.Url(pg.server().url(AUDITOR, PASSWORD, database)));
    }

    static TableUsage table(TablesReport report, String name) {
        return report.tables().stream().filter(t -> t.qualifiedName().equals(new QualifiedName("public", name))).findFirst()
                .orElseThrow(() -> new AssertionError("no table " + name + " in " + report.tables()));
    }

    private static long markerScans(TablesReport report) {
        return report.tables().stream().filter(t -> t.name().equals(MARKER)).mapToLong(t -> t.activity().seqScans()).sum();
    }
}
