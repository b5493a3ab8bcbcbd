package io.pgcarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.embedded.junit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Table patterns as every command reads them: pg_dump's quoting, and a pattern that matches nothing is an error. */
class TablePatternsIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.major(17);

    @TempDir
    Path dir;

    private static final String SCHEMA = """
            CREATE TABLE "Animal" (id int PRIMARY KEY, name text);
            CREATE TABLE "we""ird" (id int PRIMARY KEY, note text);
            CREATE SCHEMA "my schema";
            CREATE TABLE "my schema"."Mixed.Case" (id int PRIMARY KEY);
            """;
    private static final String ROWS = """
            INSERT INTO "Animal" SELECT i, 'a' || i FROM generate_series(1, 30) i;
            INSERT INTO "we""ird" SELECT i, 'w' || i FROM generate_series(1, 7) i;
            INSERT INTO "my schema"."Mixed.Case" SELECT generate_series(1, 3);
            """;

    @Test
    void aPatternThatMatchesNothingStopsEveryCommandWithExit2NamingIt() throws Exception {
        String target = pg.newDatabase();
        execute(pg.database(), SCHEMA + ROWS);
        execute(target, SCHEMA);
        String from = pg.url();
        String to = pg.server().url(target);
        Files.writeString(dir.resolve("map.yaml"), "exclude: [LegacyNote]\n");
        List<List<String>> runs = List.of(
                List.of("check", "--from", from, "--to", to, "--include", "Animal,Anmial"),
                List.of("move", "--from", from, "--to", to, "--include", "Anmial"),
                List.of("move", "--from", from, "--to", to, "--exclude", "Anmial"),
                List.of("move", "--from", from, "--to", to, "--map", dir.resolve("map.yaml").toString()),
                List.of("validate", "--from", from, "--to", to, "--include", "Anmial"),
                List.of("clone", "--from", from, "--to", pg.server().url(pg.newDatabase()), "--exclude-table-data", "Anmial"),
                List.of("backup", "--from", from, "--out", dir.resolve("backups").toString(), "--exclude-table-data", "Anmial"));
        for (List<String> args : runs) {
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(args + ": " + run.err()).isEqualTo(2);
            String pattern = args.contains("--map") ? "'LegacyNote'" : "'Anmial'";
            assertThat(run.err()).as(args.toString()).contains(pattern + " matches no table");
        }
        assertThat(count(target, "SELECT count(*) FROM \"Animal\"")).as("nothing was moved").isZero();
        assertThat(dir.resolve("backups")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
    }

    @Test
    void quotedPatternsSelectAnyName() throws Exception {
        String target = pg.newDatabase();
        execute(pg.database(), SCHEMA + ROWS);
        execute(target, SCHEMA);
        CliRun move = CliRun.of("move", "--from", pg.url(), "--to", pg.server().url(target), "--include",
                "\"we\"\"ird\"", "--include", "\"my schema\".\"Mixed.Case\"");
        assertThat(move.exitCode()).as(move.err()).isZero();
        assertThat(count(target, "SELECT count(*) FROM \"we\"\"ird\"")).isEqualTo(7);
        assertThat(count(target, "SELECT count(*) FROM \"my schema\".\"Mixed.Case\"")).isEqualTo(3);
        assertThat(count(target, "SELECT count(*) FROM \"Animal\"")).as("not selected").isZero();

        CliRun validate = CliRun.of("validate", "--from", pg.url(), "--to", pg.server().url(target), "--include", "public.\"we\"\"ird\"");
        assertThat(validate.exitCode()).as(validate.err()).isZero();
        assertThat(validate.out()).contains("public.\"we\"\"ird\"").doesNotContain("Animal");
    }

    private long count(String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
