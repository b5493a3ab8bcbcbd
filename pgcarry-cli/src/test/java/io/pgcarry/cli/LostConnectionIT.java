package io.pgcarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.embedded.junit.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * pgcarry's waiting sessions terminated by an administrator ({@code pg_terminate_backend}) while rows load: the error shows
 * the server's SQLSTATE (57P01), not the "connection closed" that follows it, and says how to recover.
 */
class LostConnectionIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    @TempDir
    Path dir;

    private static final String SCHEMA = "CREATE TABLE big (id int PRIMARY KEY, payload text); CREATE INDEX big_payload_idx ON big (payload)";
    /** The filled source on each server; runs only read it, so it is filled once per class. */
    private static final String SOURCE = "filled";

    @BeforeAll
    static void fillTheSources() throws Exception {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            pg.server().createDatabase(SOURCE);
            execute(pg, SOURCE, SCHEMA + "; INSERT INTO big SELECT g, repeat(md5(g::text), 8) FROM generate_series(1, 400000) g; ANALYZE big");
        }
    }

    @Test
    void moveAndCloneSayResumeOrAbort() throws Exception {
        execute(pg17, pg17.database(), SCHEMA);
        CliRun move = whileTerminatingLoad(pg17, pg17.database(), "move", "--from", source(pg13), "--to", pg17.url(), "--jobs", "2");
        assertLost(move, "move");
        assertThat(move.err()).contains("'pgcarry move --resume'", "'pgcarry move --abort'");

        String target = pg13.newDatabase();
        CliRun clone = whileTerminatingLoad(pg13, target, "clone", "--from", source(pg17), "--to", pg13.server().url(target),
                "--jobs", "2");
        assertLost(clone, "clone");
        assertThat(clone.err()).contains("'pgcarry clone --resume'");
    }

    @Test
    void restoreSaysClean() throws Exception {
        Path out = dir.resolve("backups");
        CliRun backup = CliRun.of("backup", "--from", source(pg17), "--out", out.toString());
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        String target = pg13.newDatabase();
        CliRun restore = whileTerminatingLoad(pg13, target, "restore", out.toString(), "--to", pg13.server().url(target));
        assertLost(restore, "restore");
        assertThat(restore.err()).contains("--clean");

        // The loading session itself: its failed rollback must not hide the failure behind "connection closed".
        String second = pg13.newDatabase();
        CliRun copying = whileTerminating(pg13, second, "state = 'active' AND query ILIKE 'COPY%%'", "restore", out.toString(),
                "--to", pg13.server().url(second));
        assertThat(copying.exitCode()).as(copying.err()).isEqualTo(3);
        assertThat(copying.err()).doesNotContain("08003").contains("loading data/").contains("run the restore again with --clean");
    }

    private static void assertLost(CliRun run, String command) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.err()).as(command).contains("57P01").doesNotContain("08003").contains("connection");
    }

    /** Runs pgcarry, terminating its idle sessions on {@code database} once one of its sessions copies rows there. */
    private static CliRun whileTerminatingLoad(PostgresExtension pg, String database, String... args) throws Exception {
        return whileTerminating(pg, database, "state <> 'active'", args);
    }

    /** Runs pgcarry, terminating its sessions on {@code database} that match {@code which} once one of them copies rows. */
    private static CliRun whileTerminating(PostgresExtension pg, String database, String which, String... args) throws Exception {
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of(args));
        boolean terminated = false;
        try (Connection c = pg.server().connect("postgres"); Statement s = c.createStatement()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!terminated && !run.isDone() && System.nanoTime() < deadline) {
                // The sessions that wait while others load: the next statement on them meets the termination.
                try (ResultSet rs = s.executeQuery("""
                        SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                         WHERE datname = '%1$s' AND %2$s AND backend_type = 'client backend' AND pid <> pg_backend_pid()
                           AND EXISTS (SELECT FROM pg_stat_activity WHERE datname = '%1$s' AND query ILIKE 'COPY%%FROM STDIN%%'
                                          AND state = 'active')""".formatted(database, which))) {
                    while (rs.next()) {
                        terminated |= rs.getBoolean(1);
                    }
                }
                Thread.sleep(10);
            }
        }
        CliRun result = run.get(120, TimeUnit.SECONDS);
        assertThat(terminated).as("a loading session was terminated: " + result.err()).isTrue();
        return result;
    }

    private static String source(PostgresExtension pg) {
        return pg.server().url(SOURCE);
    }

    private static void execute(PostgresExtension pg, String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
