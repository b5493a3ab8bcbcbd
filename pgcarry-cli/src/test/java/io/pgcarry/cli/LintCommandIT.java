package io.pgcarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgcarry.embedded.EmbeddedPostgres;
import io.pgcarry.embedded.junit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pgcarry lint --to}: the server's version, and each table's size read as a non-superuser; the same index build
 * is an error on a 100,000-row table and a warning on a tiny one. The target knows column types, validated NOT NULL
 * checks and function volatility, which the files alone do not.
 */
class LintCommandIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String TABLES = """
            CREATE TABLE big (id int PRIMARY KEY, pad text, CONSTRAINT pad_nn CHECK (pad IS NOT NULL));
            INSERT INTO big SELECT g, repeat('x', 100) FROM generate_series(1, 100000) g;
            CREATE TABLE tiny (id int PRIMARY KEY, pad text, name varchar(20));
            INSERT INTO tiny SELECT g, 'x', 'n' FROM generate_series(1, 10) g;
            ANALYZE big; ANALYZE tiny;
            CREATE FUNCTION make_code() RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT md5(random()::text) $$;
            """;
    private static final String MIGRATION = """
            SET lock_timeout = '2s';
            CREATE INDEX big_pad ON big (pad);
            CREATE INDEX tiny_pad ON tiny (pad);
            ALTER TABLE tiny ALTER COLUMN name TYPE varchar(50);
            ALTER TABLE big ALTER COLUMN pad SET NOT NULL;
            ALTER TABLE tiny ADD COLUMN code text DEFAULT make_code();
            CREATE INDEX later_a ON later (a);
            """;

    @TempDir
    Path dir;

    @Test
    void sizesFromTheTargetMakeTheSameRuleAnErrorOnABigTableAndAWarningOnATinyOne() throws Exception {
        for (int major : List.of(13, 17)) {
            PostgresExtension pg = major == 13 ? pg13 : pg17;
            String url = prepare(pg);
            Path file = Files.writeString(dir.resolve("001_" + pg.database() + ".sql"), MIGRATION);
            CliRun run = CliRun.of("lint", "--to", url, file.toString());
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
            List<String> lines = run.out().lines().toList();
            assertThat(lines).hasSize(4);
            assertThat(lines.get(0)).startsWith(file + ":2: error [create-index-not-concurrently] CREATE INDEX holds a SHARE lock on big")
                    .containsPattern("\\(big is 1[0-9]\\.[0-9] MB, about 100000 rows\\)");
            assertThat(lines.get(1)).startsWith(file + ":3: warning [create-index-not-concurrently]")
                    .containsPattern("\\(tiny is [0-9.]+ kB, about 10 rows, under the small-table size 10\\.0 MB\\)");
            assertThat(lines.get(2)).startsWith(file + ":6: warning [add-column-volatile-default] adding code with the volatile default "
                    + "make_code() rewrites tiny");
            assertThat(lines.get(3)).startsWith("lint: FAIL - 1 error, 2 warnings, 0 notes in 7 statements of 1 file; PostgreSQL "
                    + major + " (the server's); table sizes from postgresql://lint_" + pg.database() + "@");

            JsonNode json = new ObjectMapper().readTree(CliRun.of("lint", "--json", "--to", url, file.toString()).out());
            assertThat(json.get("pgVersion").asInt()).isEqualTo(major);
            assertThat(json.get("versionSource").asText()).isEqualTo("server");
            assertThat(json.get("findings").get(0).get("tableBytes").asLong()).isGreaterThan(10L << 20);
            assertThat(json.get("findings").get(1).get("tableBytes").asLong()).isLessThan(1L << 20);

            CliRun generous = CliRun.of("lint", "--to", url, "--small-table", "1GB", file.toString());
            assertThat(generous.exitCode()).as(generous.out()).isZero();
            assertThat(generous.out()).contains(":2: warning [create-index-not-concurrently]");
        }
    }

    @Test
    void withATargetOnlyThePendingMigrationsOfADirectoryAreLinted() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("001_items.sql"), "CREATE TABLE items (id int PRIMARY KEY, name text);\n");
        CliRun applied = CliRun.of("migrate", "apply", "--to", pg17.url(), "--dir", migrations.toString());
        assertThat(applied.exitCode()).as(applied.out() + applied.err()).isZero();
        Files.writeString(migrations.resolve("002_name.sql"), "CREATE INDEX items_name ON items (name);\n");

        CliRun offline = CliRun.of("lint", "--dir", migrations.toString());
        assertThat(offline.exitCode()).isZero();
        assertThat(offline.out()).contains("in 2 statements of 2 files");
        CliRun run = CliRun.of("lint", "--dir", migrations.toString(), "--to", pg17.url());
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).startsWith("002_name.sql:1: warning [create-index-not-concurrently] CREATE INDEX holds a SHARE lock on "
                + "items").contains("in 1 statement of 1 file; PostgreSQL 17 (the server's)");
    }

    @Test
    void aPgVersionBesideATargetIsAUsageError() {
        CliRun run = CliRun.of("lint", "--to", pg17.url(), "--pg-version", "13", "x.sql");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: --pg-version is read from the server with --to; give one or the other\n");
    }

    /** The tables, owned by the superuser, and the URL of a role that only logs in. */
    private static String prepare(PostgresExtension pg) throws Exception {
        String role = "lint_" + pg.database();
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            s.execute(TABLES + "CREATE ROLE " + role + " LOGIN");
        }
        return pg.url().replace("//" + EmbeddedPostgres.SUPERUSER + "@", "//" + role + "@");
    }
}
