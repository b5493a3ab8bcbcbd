package io.pgcarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.embedded.junit.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Stored generated columns are compared by validation (PostgreSQL 13 to 17): each side computes its own. */
class GeneratedColumnsIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String TABLE = """
            CREATE TABLE lines (id int PRIMARY KEY, qty int, price int, total int GENERATED ALWAYS AS (%s) STORED);
            CREATE TABLE notes (code text PRIMARY KEY, body text, len int GENERATED ALWAYS AS (%s) STORED);
            """;
    private static final String ROWS = """
            INSERT INTO lines (id, qty, price) SELECT i, i % 7, 10 + i FROM generate_series(1, 3000) i;
            INSERT INTO notes (code, body) SELECT 'n' || i, repeat('x', i % 20) FROM generate_series(1, 500) i;
            """;

    @Test
    void aTargetComputingGeneratedColumnsDifferentlyFailsValidationAndMoveValidation() throws Exception {
        execute(pg13, pg13.database(), TABLE.formatted("qty * price", "length(body)") + ROWS);
        execute(pg17, pg17.database(), TABLE.formatted("qty + price", "length(body) + 1") + ROWS);

        for (String level : new String[] {"hash", "full"}) {
            CliRun run = CliRun.of("validate", "--from", pg13.url(), "--to", pg17.url(), "--level", level);
            assertThat(run.exitCode()).as(level + ": " + run.out() + run.err()).isEqualTo(1);
            assertThat(run.out()).contains("FAIL   public.lines", "FAIL   public.notes");
        }
        CliRun full = CliRun.of("validate", "--from", pg13.url(), "--to", pg17.url(), "--include", "lines");
        assertThat(full.out()).contains("changed id=1  columns: total");

        String empty = pg17.newDatabase();
        execute(pg17, empty, TABLE.formatted("qty + price", "length(body)"));
        CliRun move = CliRun.of("move", "--from", pg13.url(), "--to", pg17.server().url(empty));
        assertThat(move.exitCode()).as(move.out() + move.err()).isEqualTo(1);
        assertThat(move.out()).contains("FAIL   public.lines").contains("PASS   public.notes");
        assertThat(count(empty, "SELECT count(*) FROM lines")).as("the rows were copied; the computed ones differ").isEqualTo(3000);
    }

    @Test
    void sameExpressionsPassValidateAndMove() throws Exception {
        execute(pg13, pg13.database(), TABLE.formatted("qty * price", "length(body)") + ROWS);
        execute(pg17, pg17.database(), TABLE.formatted("qty * price", "length(body)"));
        CliRun move = CliRun.of("move", "--from", pg13.url(), "--to", pg17.url());
        assertThat(move.exitCode()).as(move.out() + move.err()).isZero();
        assertThat(move.out()).contains("PASS   public.lines", "PASS   public.notes");
        CliRun validate = CliRun.of("validate", "--from", pg13.url(), "--to", pg17.url());
        assertThat(validate.exitCode()).as(validate.out() + validate.err()).isZero();
    }

    private long count(String database, String sql) throws Exception {
        try (Connection c = pg17.server().connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(PostgresExtension pg, String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
