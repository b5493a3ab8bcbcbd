package io.pgcarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgcarry.embedded.junit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command's {@code --json} output is one JSON object on stdout whose first field, {@code "ok"}, agrees with
 * the exit code, whether the command passes, finds problems or fails.
 */
class JsonResultsIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.major(17);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = """
            CREATE TABLE customer (id int PRIMARY KEY, email text NOT NULL);
            CREATE TABLE invoice (id int PRIMARY KEY, customer_id int REFERENCES customer, total numeric(10,2));
            """;
    private static final String ROWS = """
            INSERT INTO customer SELECT i, 'c' || i FROM generate_series(1, 20) i;
            INSERT INTO invoice SELECT i, 1 + i % 20, i FROM generate_series(1, 60) i;
            """;

    @TempDir
    Path dir;

    @Test
    void eachCommandLeadsItsJsonWithOkAsItsExitCodeSays() throws Exception {
        String source = pg.url();
        execute(pg.database(), SCHEMA + ROWS);
        String empty = pg.server().url(pg.newDatabase());
        String moved = pg.newDatabase();
        execute(moved, SCHEMA);
        String movedUrl = pg.server().url(moved);
        Path out = dir.resolve("backups");

        assertThat(assertOk(true, "ping", "--to", source).path("database").asText()).isEqualTo(pg.database());
        assertThat(assertOk(true, "check", "--from", source, "--to", movedUrl).path("tables").asInt()).isEqualTo(2);
        assertThat(assertOk(true, "move", "--from", source, "--to", movedUrl).path("rows").asLong()).isEqualTo(80);
        assertThat(assertOk(true, "status", "--to", movedUrl).path("unfinished").asBoolean(true)).isFalse();
        assertThat(assertOk(true, "move", "--abort", "--to", movedUrl).path("run").asLong(-1)).isZero();
        assertThat(assertOk(true, "validate", "--from", source, "--to", movedUrl).path("tables")).hasSize(2);
        assertThat(assertOk(true, "diff", "--from", source, "--to", movedUrl).path("differences")).isEmpty();
        assertThat(assertOk(false, "diff", "--from", source, "--to", empty).path("differences")).isNotEmpty();
        assertThat(assertOk(false, "diff", "--from", source, "--to", empty, "--sql").path("plan").asText()).contains("CREATE TABLE");
        assertThat(assertOk(true, "clone", "--from", source, "--to", empty).path("move").path("rows").asLong()).isEqualTo(80);
        JsonNode backup = assertOk(true, "backup", "--from", source, "--out", out.toString());
        assertThat(backup.path("rows").asLong()).isEqualTo(80);
        String archive = backup.path("archive").asText();
        assertThat(assertOk(true, "backup", "verify", archive).path("problems")).isEmpty();
        assertThat(assertOk(true, "backup", "list", out.toString()).path("result").isArray()).isTrue();
        assertThat(assertOk(true, "restore", archive, "--to", pg.server().url(pg.newDatabase())).path("tables")).hasSize(2);
        Path sql = dir.resolve("export.sql");
        assertThat(assertOk(true, "backup", "export-sql", archive, "--output", sql.toString()).path("bytes").asLong())
                .isEqualTo(Files.size(sql)).isPositive();
        assertThat(assertOk(false, "backup", "export-sql", archive).path("error").path("message").asText()).contains("--output");
        assertThat(assertOk(true, "schema", "dump", "--from", source).path("script").asText()).contains("CREATE TABLE", "customer");
        assertThat(assertOk(true, "schema", "dump", "--from", source, "--format", "json").path("snapshot").isObject()).isTrue();

        Path migrations = Files.createDirectories(dir.resolve("db/migrations"));
        Files.writeString(migrations.resolve("20240101000000_init.sql"), "-- migrate:up\nSELECT 1;\n");
        String ledger = pg.newDatabase();
        execute(ledger, "CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY)");
        assertOk(false, "migrate", "status", "--to", pg.server().url(ledger), "--dir", migrations.toString());
        execute(ledger, "INSERT INTO schema_migrations VALUES ('20240101000000')");
        assertThat(assertOk(true, "migrate", "status", "--to", pg.server().url(ledger), "--dir", migrations.toString())
                .path("migrations")).hasSize(1);

        Path lint = Files.writeString(dir.resolve("lint.sql"), "CREATE INDEX invoice_total ON invoice (total);\n");
        assertThat(assertOk(true, "lint", "--to", source, lint.toString()).path("findings").path(0).path("severity").asText())
                .isEqualTo("WARNING");
        Files.writeString(lint, "SET lock_timeout = '2s';\nALTER TABLE invoice RENAME TO bill;\n");
        assertThat(assertOk(false, "lint", lint.toString()).path("findings").path(0).path("rule").asText()).isEqualTo("rename-table");

        Path migration = Files.writeString(dir.resolve("rehearse.sql"), "ALTER TABLE invoice ADD COLUMN note text;\n");
        assertThat(assertOk(true, "rehearse", "--on", source, "--no-proof", migration.toString()).path("statements").path(0)
                .path("locks").path(0).path("mode").asText()).isEqualTo("ACCESS EXCLUSIVE");

        execute(moved, "DELETE FROM invoice WHERE id = 7");
        assertOk(false, "validate", "--from", source, "--to", movedUrl);
        JsonNode refused = assertOk(false, "move", "--from", source, "--to", pg.server().url(pg.newDatabase()));
        assertThat(refused.path("error").path("message").asText()).isNotEmpty();
        assertOk(false, "ping", "--to", "postgresql://127.0.0.1:1/nowhere");
    }

    /** Runs pgcarry with --json, checks that stdout is one object led by "ok" as the exit code says; returns it. */
    private static JsonNode assertOk(boolean ok, String... args) throws Exception {
        String[] all = new String[args.length + 1];
        all[0] = "--json";
        System.arraycopy(args, 0, all, 1, args.length);
        CliRun run = CliRun.of(all);
        String what = String.join(" ", args) + "\n" + run.out() + run.err();
        assertThat(run.exitCode() == 0).as("exit code of %s", what).isEqualTo(ok);
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.isObject()).as(what).isTrue();
        assertThat(result.fieldNames().next()).as(what).isEqualTo("ok");
        assertThat(result.path("ok").asBoolean()).as(what).isEqualTo(ok);
        return result;
    }

    private static void execute(String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
