package io.pgcarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgcarry.embedded.EmbeddedPostgres;
import io.pgcarry.embedded.junit.PostgresExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** check, move, status as a user runs them: exit codes, JSON, report files, Ctrl-C. */
class MoveCommandIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    @TempDir
    Path dir;

    private static final String SCHEMA = """
            CREATE TYPE "Kind" AS ENUM ('a', 'b');
            CREATE TABLE "Party" (id int PRIMARY KEY, name text NOT NULL);
            CREATE TABLE "Animal" (id int PRIMARY KEY, kind "Kind", "partyId" int REFERENCES "Party", nickname text);
            CREATE INDEX "Animal_partyId_idx" ON "Animal" ("partyId");
            CREATE TABLE event (id int, msg text);
            """;

    @Test
    void checkThenMoveThenStatusWithReportAndJson() throws Exception {
        prepare(200_000);
        String target = pg17.server().url(role(), "m0ver-Secret", pg17.database());

        CliRun check = CliRun.of("check", "--from", pg13.url(), "--to", target);
        assertThat(check.exitCode()).isZero();
        assertThat(check.out()).contains("check: PASS - 0 errors", "tables to copy: 3").doesNotContain("m0ver-Secret");

        Path report = dir.resolve("move.json");
        CliRun move = CliRun.of("move", "--from", pg13.url(), "--to", target, "--jobs", "2", "--report", report.toString());
        assertThat(move.exitCode()).as(move.err()).isZero();
        assertThat(move.out()).contains("copied 200150 rows", "validation (full): PASS").doesNotContain("m0ver-Secret");
        assertThat(move.err()).contains("- copying", "copied public.\"Animal\": 200000 rows");
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.get("rows").asLong()).isEqualTo(200_150);
        assertThat(json.get("validation").get("tables")).hasSize(3);
        assertThat(Files.readString(report)).doesNotContain("m0ver-Secret").contains(role() + ":***@");

        CliRun status = CliRun.of("status", "--to", target, "--json");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("\"unfinished\" : false");

        CliRun again = CliRun.of("--json", "check", "--from", pg13.url(), "--to", target);
        assertThat(again.exitCode()).as("the target is no longer empty").isEqualTo(1);
        JsonNode problems = new ObjectMapper().readTree(again.out()).get("problems");
        assertThat(problems.findValuesAsText("code")).contains("TARGET_NOT_EMPTY");
    }

    @Test
    void moveWithProblemsExits1AndPrintsTheReport() throws Exception {
        prepare(10);
        execute(pg13, pg13.database(), "ALTER TABLE \"Animal\" DROP CONSTRAINT \"Animal_partyId_fkey\";"
                + "INSERT INTO \"Animal\" VALUES (1000, 'a', 999, 'orphan')");
        CliRun move = CliRun.of("move", "--from", pg13.url(), "--to", pg17.url());
        assertThat(move.exitCode()).isEqualTo(1);
        assertThat(move.out()).contains("FK_ORPHAN", "id=1000", "\"partyId\"=999 missing from public.\"Party\".id (1 row)",
                "nothing was written");
        CliRun check = CliRun.of("--json", "check", "--from", pg13.url(), "--to", pg17.url());
        JsonNode orphan = new ObjectMapper().readTree(check.out()).get("problems").findParents("code").stream()
                .filter(p -> p.get("code").asText().equals("FK_ORPHAN")).findFirst().orElseThrow();
        assertThat(orphan.get("samples").get(0).asText()).isEqualTo("id=1000");
        assertThat(orphan.get("missing").get(0).get("value").asText()).isEqualTo("999");
        assertThat(orphan.get("missing").get(0).get("rows").asLong()).isEqualTo(1);
        assertThat(move.err()).contains("error: 1 problem found before writing anything; nothing was changed");
    }

    @Test
    void ctrlCLeavesAResumableMoveAndExits130() throws Exception {
        prepare(20_000);
        Process child;
        try (Connection locker = pg17.connect()) {
            locker.setAutoCommit(false);
            try (Statement s = locker.createStatement()) {
                s.execute("LOCK TABLE event IN SHARE MODE");
            }
            child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "move", "--from", pg13.url(), "--to", pg17.url(), "--jobs", "2", "--split-rows", "2000")
                    .redirectErrorStream(true).start();
            awaitCopyBlocked();
            new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            locker.rollback();
        }
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.exitValue()).isEqualTo(130);
        assertThat(output).contains("interrupted: committed work is kept; finish with 'pgcarry move --resume'");

        CliRun status = CliRun.of("status", "--to", pg17.url());
        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.out()).contains("unfinished move", "pgcarry move --resume",
                "pgcarry's journal (schema pgcarry) is kept in the target until this move is resumed or aborted");
        CliRun statusJson = CliRun.of("status", "--to", pg17.url(), "--json");
        assertThat(statusJson.exitCode()).as(statusJson.err()).isEqualTo(1);
        JsonNode unfinished = new ObjectMapper().readTree(statusJson.out());
        assertThat(java.time.OffsetDateTime.parse(unfinished.get("startedAt").asText()))
                .isBetween(java.time.OffsetDateTime.now().minusMinutes(10), java.time.OffsetDateTime.now());
        assertThat(unfinished.get("rangesTotal").asLong()).isGreaterThan(unfinished.get("rangesDone").asLong());

        CliRun resume = CliRun.of("move", "--resume", "--from", pg13.url(), "--to", pg17.url(), "--jobs", "2", "--split-rows", "2000");
        assertThat(resume.exitCode()).as(resume.err()).isZero();
        assertThat(resume.out()).contains("resumed run", "validation (full): PASS", "3 tables, 1 reference,");
        CliRun after = CliRun.of("status", "--to", pg17.url());
        assertThat(after.exitCode()).isZero();
        assertThat(after.out()).contains("no unfinished move", "no pgcarry journal exists there");
        assertThat(CliRun.of("status", "--to", pg17.url(), "--json").out()).contains("\"journal\" : false");
    }

    @Test
    void aMoveWaitingForAnotherSessionsLockSaysWhoHoldsItAndThenCompletes() throws Exception {
        prepare(1000);
        try (Connection locker = pg17.connect()) {
            locker.setAutoCommit(false);
            int pid;
            try (Statement s = locker.createStatement()) {
                s.execute("SET application_name = 'lock-holder'");
                s.execute("LOCK TABLE event IN SHARE MODE");
                try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                    rs.next();
                    pid = rs.getInt(1);
                }
            }
            // released 3 s after a pgcarry session starts waiting for it (the watcher speaks after 2 s), whatever the
            // machine's load: a fixed delay made the test depend on how fast the move reached the table
            Thread release = new Thread(() -> {
                try (Connection watcher = pg17.connect(); Statement w = watcher.createStatement()) {
                    long deadline = System.nanoTime() + 60_000_000_000L;
                    while (System.nanoTime() < deadline) {
                        try (ResultSet rs = w.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'pgcarry%' "
                                + "AND wait_event_type = 'Lock'")) {
                            rs.next();
                            if (rs.getInt(1) > 0) {
                                break;
                            }
                        }
                        Thread.sleep(50);
                    }
                    Thread.sleep(3000);
                    locker.rollback();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            release.start();
            CliRun move = CliRun.of("move", "--from", pg13.url(), "--to", pg17.url());
            release.join();

            assertThat(move.exitCode()).as(move.err()).isZero();
            assertThat(move.out()).contains("validation (full): PASS");
            assertThat(move.err())
                    .containsPattern("waiting \\d+ s for a lock: (LOCK TABLE|TRUNCATE|COPY) on public.event \\(pid \\d+\\) is blocked by pid " + pid
                            + " \\(user [^,]+, application lock-holder, idle in transaction, transaction open \\d+ s\\)")
                    .containsPattern("lock wait over after \\d+\\.\\d s: (LOCK TABLE|TRUNCATE|COPY) on public.event");
        }
    }

    @Test
    void abortWithNothingToUndoSaysSo() {
        CliRun abort = CliRun.of("move", "--abort", "--to", pg17.url());
        assertThat(abort.exitCode()).isZero();
        assertThat(abort.out()).contains("nothing to undo");
    }

    private void awaitCopyBlocked() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Connection c = pg17.server().connect("postgres"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pgcarry' "
                         + "AND wait_event_type = 'Lock' AND (query LIKE 'COPY%' OR query LIKE 'LOCK TABLE%')")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the move never reached the copy");
    }

    private void prepare(int animals) throws Exception {
        execute(pg13, pg13.database(), SCHEMA + """
                INSERT INTO "Party" SELECT i, 'party ' || i FROM generate_series(1, 100) i;
                INSERT INTO event SELECT i, 'e' || i FROM generate_series(1, 50) i;
                INSERT INTO "Animal" SELECT i, CASE WHEN i %% 2 = 0 THEN 'a' ELSE 'b' END::"Kind", 1 + i %% 100, 'n' || i
                  FROM generate_series(1, %d) i;
                ANALYZE;
                """.formatted(animals));
        execute(pg17, pg17.database(), SCHEMA + """
                CREATE ROLE %3$s LOGIN PASSWORD 'm0ver-Secret' IN ROLE %1$s;
                GRANT CREATE ON DATABASE %2$s TO %3$s;
                GRANT CREATE ON SCHEMA public TO %3$s;
                ALTER TABLE "Party" OWNER TO %3$s;
                ALTER TABLE "Animal" OWNER TO %3$s;
                ALTER TABLE event OWNER TO %3$s;
                """.formatted(EmbeddedPostgres.PASSWORD_ROLE, pg17.database(), role()));
    }

    private static String role() {
        return "mover_" + pg17.database();
    }

    private static void execute(PostgresExtension pg, String db, String sql) throws Exception {
        try (Connection c = pg.server().connect(db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
