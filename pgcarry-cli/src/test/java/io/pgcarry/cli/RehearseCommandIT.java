package io.pgcarry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgcarry.embedded.junit.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code pgcarry rehearse} as a user runs it: text, --json, --report and --html, budgets, --dir, and Ctrl-C. */
class RehearseCommandIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.major(17);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = """
            CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL);
            INSERT INTO item SELECT g, 'item ' || g FROM generate_series(1, 20000) g;
            """;

    @TempDir
    Path dir;

    @Test
    void jsonReportAndHtmlSayWhatEachStatementDidAndABudgetFailsTheRun() throws Exception {
        execute(TABLE);
        Path rewrite = Files.writeString(dir.resolve("001_rewrite.sql"), "ALTER TABLE item ADD COLUMN score int DEFAULT (random() * 10)::int;\n");
        Path index = Files.writeString(dir.resolve("002_index.sql"), "CREATE INDEX CONCURRENTLY item_name_idx ON item (name);\n");
        Path report = dir.resolve("rehearsal.json");
        Path html = dir.resolve("rehearsal.html");

        CliRun run = CliRun.of("--json", "rehearse", "--on", pg.url(), "--max-rewrite", "100kB", "--report", report.toString(),
                "--html", html.toString(), rewrite.toString(), index.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.fieldNames().next()).isEqualTo("ok");
        assertThat(result.path("ok").asBoolean(true)).isFalse();
        JsonNode first = result.path("statements").get(0);
        assertThat(first.path("verdict").path("kind").asText()).isEqualTo("rewrites");
        assertThat(first.path("locks").get(0).path("mode").asText()).isEqualTo("ACCESS EXCLUSIVE");
        assertThat(first.path("overBudget").get(0).asText()).contains("over --max-rewrite 100.0 kB");
        // lint's prediction (read first, against the live database) beside the measurement
        assertThat(first.path("predicted").toString()).contains("ACCESS EXCLUSIVE on item", "rewrites",
                "warning [add-column-volatile-default]");
        assertThat(result.path("statements").get(1).path("predicted").toString()).contains("SHARE UPDATE EXCLUSIVE on item");
        assertThat(result.path("lint").path("warnings").asInt()).as("a small table: warnings, not errors").isEqualTo(2);
        assertThat(result.path("statements").get(1).path("verdict").path("text").asText()).isEqualTo("safe");
        assertThat(JSON.readTree(Files.readString(report)).path("statements")).hasSize(2);
        assertThat(scratchDatabases()).isZero();

        String page = Files.readString(html, StandardCharsets.UTF_8);
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(html.toFile());
        assertThat(document.getElementsByTagName("tr").getLength()).isEqualTo(3);
        assertThat(document.getElementsByTagName("rect").getLength()).isPositive();
        assertThat(page).contains("ALTER TABLE item ADD COLUMN score", "CREATE INDEX CONCURRENTLY item_name_idx", "public.item")
                .doesNotContain("src=", "href=", "url(", "@import");
    }

    /**
     * The page as a browser shows it: headless Chromium renders it (its DOM after rendering, and a screenshot). Debian's
     * chromium is not part of the machine's base: without it the test is skipped, saying so (the page is still parsed
     * as XML above).
     */
    @Test
    void theHtmlReportRendersInAHeadlessBrowser() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        assumeTrue(Files.isExecutable(chromium), "no /usr/bin/chromium (apt-get install chromium): the HTML report is only parsed as XML");
        execute(TABLE);
        Path file = Files.writeString(dir.resolve("001_note.sql"), "ALTER TABLE item ADD COLUMN note text;\nCREATE INDEX item_name_idx ON item (name);\n");
        Path html = dir.resolve("rehearsal.html");
        CliRun run = CliRun.of("rehearse", "--on", pg.url(), "--html", html.toString(), file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        Path png = dir.resolve("rehearsal.png");
        String dom = browse(chromium, "--dump-dom", html.toUri().toString());
        browse(chromium, "--screenshot=" + png, "--window-size=1280,900", html.toUri().toString());
        assertThat(dom).contains("ALTER TABLE item ADD COLUMN note", "CREATE INDEX item_name_idx", "public.item", "<svg", "<rect");
        assertThat(Files.size(png)).as("a rendered screenshot").isGreaterThan(5_000);
    }

    private Path profile() throws Exception {
        return Files.createTempDirectory(dir, "chromium-profile");
    }

    /** Runs headless Chromium as the browser probe on this machine does (no network of its own, a fresh profile). */
    private String browse(Path chromium, String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile()));
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(p.exitValue()).as("chromium's exit code").isZero();
        return out;
    }

    @Test
    void withinBudgetsItExitsZeroAndTheTextShowsATableOfStatements() throws Exception {
        execute(TABLE);
        Path file = Files.writeString(dir.resolve("add.sql"), "ALTER TABLE item ADD COLUMN note text;\nCREATE INDEX item_name_idx ON item (name);\n");

        CliRun run = CliRun.of("rehearse", "--on", pg.url(), "--max-lock", "30s", "--lock-timeout", "100ms", file.toString());

        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).contains("file:line", "add.sql:1", "add.sql:2", "ACCESS EXCLUSIVE public.item", "SHARE public.item",
                "blocks writes", "with a reader holding ACCESS SHARE it waited and failed after", "untouched tables: 0",
                "blocks reads and writes", "until its file commits", "rehearse: OK - 2 statements, 2 blocking, 0 failed, 0 over budget",
                "lint predicted: SHARE on item; warning [create-index-not-concurrently]", "lint predicted 0 error(s), 2 warning(s)");
    }

    @Test
    void aDirectoryIsReadAsMigrateApplyReadsItOnlyPendingMigrationsRun() throws Exception {
        execute(TABLE + "CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY);"
                + "INSERT INTO schema_migrations VALUES ('20240101000000');");
        Path migrations = Files.createDirectories(dir.resolve("db/migrations"));
        Files.writeString(migrations.resolve("20240101000000_init.sql"), "-- migrate:up\nCREATE TABLE item (id int);\n");
        Files.writeString(migrations.resolve("20240102000000_more.sql"), "-- migrate:up\nALTER TABLE item ADD CONSTRAINT name_long CHECK (length(name) > 2);\n"
                + "-- migrate:down\nALTER TABLE item DROP CONSTRAINT name_long;\n");

        CliRun run = CliRun.of("--json", "rehearse", "--on", pg.url(), "--dir", migrations.toString(), "--no-proof");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.path("tool").asText()).isEqualTo("dbmate");
        assertThat(result.path("statements")).hasSize(1);
        assertThat(result.path("statements").get(0).path("file").asText()).isEqualTo("20240102000000_more.sql");
        assertThat(result.path("statements").get(0).path("verdict").path("kind").asText()).isEqualTo("blocks_reads_and_writes");
    }

    @Test
    void ctrlCDropsTheScratchDatabase() throws Exception {
        execute(TABLE);
        Path slow = Files.writeString(dir.resolve("slow.sql"), "SELECT pg_sleep(60);\n");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "rehearse", "--on", pg.url(), slow.toString()).redirectErrorStream(true).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!sleeping() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(scratchDatabases()).isEqualTo(1);
            new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(130);
            assertThat(scratchDatabases()).isZero();
        } finally {
            child.destroyForcibly();
        }
    }

    private static boolean sleeping() throws Exception {
        try (Connection c = pg.server().connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(60)%'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private static int scratchDatabases() throws Exception {
        try (Connection c = pg.server().connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname LIKE 'pgcarry\\_rehearse\\_%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
