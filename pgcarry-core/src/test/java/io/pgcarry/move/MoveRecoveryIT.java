package io.pgcarry.move;

import static io.pgcarry.move.MoveFixtures.contentOf;
import static io.pgcarry.move.MoveFixtures.definitions;
import static io.pgcarry.move.MoveFixtures.request;
import static io.pgcarry.move.MoveFixtures.script;
import static io.pgcarry.move.MoveFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.check.CheckOptions;
import io.pgcarry.connect.Connector;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.embedded.junit.PostgresExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SIGKILL of a running move at several points, then {@code --resume} or {@code --abort}: the target must end
 * exactly like a clean move, or exactly as it was, with every foreign key, index and trigger back.
 */
class MoveRecoveryIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final List<String> TABLES = List.of("\"Animal\"", "\"bazaar-vid_exports\"", "cycle_a", "cycle_b",
            "composite_parent", "composite_child", "no_key", "measurements", "big");

    private List<String> definitionsBefore;

    @BeforeEach
    void zoo() throws Exception {
        script(pg13, pg13.database(), "zoo-schema.sql");
        script(pg13, pg13.database(), "zoo-data.sql");
        script(pg17, pg17.database(), "zoo-schema.sql");
        definitionsBefore = definitions(pg17, pg17.database());
    }

    @Test
    void killWhileDroppingConstraintsThenResume() throws Exception {
        try (Connection locker = lock("LOCK TABLE cycle_b IN ACCESS SHARE MODE")) {
            Process child = startChild("");
            awaitBlockedOnLock();
            kill(child);
            locker.rollback();
        }
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace"))
                .as("the dropping transaction rolled back as a whole").isEqualTo("5");
        resume();
        assertMovedExactly();
    }

    @Test
    void killDuringCopyThenAbort() throws Exception {
        Process child = startChild("copied");
        awaitLine(child, "PAUSED");
        kill(child);
        assertThat(value(pg17, pg17.database(), "SELECT status FROM pgcarry.move_run")).isEqualTo("copying");
        MoveJournal.AbortResult result = new MoveJournal(new Connector()).abort(MoveFixtures.spec(pg17.url()), 2, p -> { });
        assertThat(result.tablesEmptied()).isEqualTo(TABLES.size() + 1);
        for (String table : TABLES) {
            assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM " + table)).as(table).isEqualTo("0");
        }
        assertThat(definitions(pg17, pg17.database())).isEqualTo(definitionsBefore);
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM pg_namespace WHERE nspname = 'pgcarry'")).as("the journal is removed").isEqualTo("0");
    }

    @Test
    void killDuringCopyThenResume() throws Exception {
        Process child = startChild("copied");
        awaitLine(child, "PAUSED");
        kill(child);
        long done = Long.parseLong(value(pg17, pg17.database(), "SELECT count(*) FROM pgcarry.move_range WHERE done"));
        long total = Long.parseLong(value(pg17, pg17.database(), "SELECT count(*) FROM pgcarry.move_range"));
        assertThat(done).as("some ranges committed before the kill, not all").isBetween(1L, total - 1);
        assertThat(new MoveJournal(new Connector()).state(MoveFixtures.spec(pg17.url())).journalExists())
                .as("the journal is kept while the move is unfinished").isTrue();
        MoveResult result = resume();
        assertThat(result.resumed()).isTrue();
        assertMovedExactly();
        assertThat(result.validation().references()).as("the resumed run validates every foreign key, as a fresh one does")
                .hasSize(Integer.parseInt(value(pg17, pg17.database(),
                        "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace")))
                .allSatisfy(r -> assertThat(r.passed()).isTrue());
    }

    @Test
    void killDuringIndexBuildsThenResume() throws Exception {
        Process child = startChild("");
        awaitLine(child, "PHASE copying");
        try (Connection locker = lock("LOCK TABLE big IN ROW EXCLUSIVE MODE")) {
            awaitBlockedOnLock();
            kill(child);
            locker.rollback();
        }
        assertThat(value(pg17, pg17.database(), "SELECT state FROM pgcarry.move_object WHERE name = 'big_payload_idx'")).isEqualTo("dropped");
        resume();
        assertMovedExactly();
    }

    @Test
    void killBeforeValidateThenAbortAndThenResumeOfAnother() throws Exception {
        Process child = startChild("validating foreign keys");
        awaitLine(child, "PAUSED");
        kill(child);
        // The worker that reached the first VALIDATE paused before running it; the other one went on with the rest.
        assertThat(Long.parseLong(value(pg17, pg17.database(), "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated")))
                .as("a key is back as NOT VALID, not yet validated, when killed").isBetween(1L, 5L);
        new MoveJournal(new Connector()).abort(MoveFixtures.spec(pg17.url()), 2, p -> { });
        assertThat(definitions(pg17, pg17.database())).isEqualTo(definitionsBefore);
        for (String table : TABLES) {
            assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM " + table)).as(table).isEqualTo("0");
        }
        Process second = startChild("validating foreign keys");
        awaitLine(second, "PAUSED");
        kill(second);
        resume();
        assertMovedExactly();
    }

    private MoveResult resume() {
        return new Move(new Connector()).resume(request(pg13.url(), pg17.url(), CheckOptions.defaults(), 2, 5_000), CopyProgress.NONE);
    }

    private void assertMovedExactly() throws Exception {
        for (String table : TABLES) {
            assertThat(contentOf(pg17, pg17.database(), table)).as(table).isEqualTo(contentOf(pg13, pg13.database(), table));
        }
        assertThat(definitions(pg17, pg17.database())).isEqualTo(definitionsBefore);
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM pg_namespace WHERE nspname = 'pgcarry'")).as("the journal is removed").isEqualTo("0");
    }

    private Connection lock(String sql) throws Exception {
        Connection c = pg17.connect();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
        return c;
    }

    private void awaitBlockedOnLock() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String waiting = value(pg17, "postgres", "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pgcarry' "
                    + "AND datname = '" + pg17.database() + "' AND wait_event_type = 'Lock'");
            if (!"0".equals(waiting)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the move never blocked on the test's lock");
    }

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private Process startChild(String pauseAt) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"), MoveChild.class.getName(), pg13.url(), pg17.url())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("PGCARRY_TEST_PAUSE_AT", pauseAt);
        Process child = builder.start();
        lines.clear();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (Exception ignored) {
                // the child was killed
            }
        });
        reader.setDaemon(true);
        reader.start();
        return child;
    }

    private void awaitLine(Process child, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (expected.equals(line)) {
                return;
            }
            if (line == null && !child.isAlive()) {
                throw new AssertionError("child exited with " + child.exitValue() + " before printing " + expected);
            }
        }
        throw new AssertionError("child never printed " + expected);
    }

    private static void kill(Process child) throws Exception {
        new ProcessBuilder("kill", "-9", Long.toString(child.pid())).start().waitFor();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(137);
        Thread.sleep(300);
    }
}
