package io.pgcarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.embedded.junit.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A target trigger written for the application's search path (its function names {@code audit} without a schema,
 * found through the database's {@code search_path = app, public}) fires during a move: the preflight warns about it
 * by name, the default move stops on it with the remedies and leaves the target repairable, {@code
 * --trigger-search-path} lets it run as the application's inserts do, {@code --disable-triggers} keeps it quiet.
 */
class TriggerSearchPathIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String SCHEMA = """
            CREATE SCHEMA app;
            CREATE TABLE app.audit (id bigserial PRIMARY KEY, what text NOT NULL);
            CREATE TABLE party (id int PRIMARY KEY, name text NOT NULL);
            CREATE FUNCTION log_party() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO audit (what) VALUES ('party ' || NEW.id);
                RETURN NEW;
            END $$;
            CREATE TRIGGER party_log AFTER INSERT ON party FOR EACH ROW EXECUTE FUNCTION log_party();
            CREATE TABLE ledger (id int, amount int) PARTITION BY RANGE (id);
            CREATE TABLE ledger_low PARTITION OF ledger FOR VALUES FROM (0) TO (1000);
            CREATE TRIGGER ledger_log AFTER INSERT ON ledger_low FOR EACH ROW EXECUTE FUNCTION log_party();
            CREATE FUNCTION qualified() RETURNS trigger LANGUAGE plpgsql SET search_path = app AS $$ BEGIN RETURN NEW; END $$;
            CREATE TRIGGER ledger_fine AFTER INSERT ON ledger_low FOR EACH ROW EXECUTE FUNCTION qualified();
            """;

    @Test
    void theDefaultMoveWarnsThenStopsNamingTheRemediesAndAbortRestoresTheTarget() throws Exception {
        prepare(pg13, pg17);
        CliRun check = CliRun.of("check", "--from", pg13.url(), "--to", pg17.url(), "--include", "public.party,public.ledger");
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains("TRIGGER_SEARCH_PATH", "party_log on public.party", "log_party()",
                "ledger_log on public.ledger_low", "--trigger-search-path", "--disable-triggers", "2 warnings")
                .as("a function with its own search_path").doesNotContain("ledger_fine");

        CliRun move = CliRun.of("move", "--from", pg13.url(), "--to", pg17.url(), "--include", "public.party");
        assertThat(move.exitCode()).as(move.out() + move.err()).isEqualTo(3);
        assertThat(move.err()).contains("relation \"audit\" does not exist", "--trigger-search-path", "--disable-triggers")
                .doesNotContain("\tat io.pgcarry");

        CliRun abort = CliRun.of("move", "--abort", "--from", pg13.url(), "--to", pg17.url(), "--include", "public.party");
        assertThat(abort.exitCode()).as(abort.out() + abort.err()).isZero();
        assertThat(count(pg17, "SELECT count(*) FROM public.party")).isZero();
        assertThat(count(pg17, "SELECT count(*) FROM app.audit")).isZero();
        assertThat(count(pg17, "SELECT count(*) FROM pg_trigger WHERE tgname = 'party_log' AND tgenabled = 'O'")).isEqualTo(1);
    }

    @Test
    void withTriggerSearchPathTheTriggerFindsItsTableAsTheApplicationDoes() throws Exception {
        prepare(pg17, pg13);
        CliRun check = CliRun.of("check", "--from", pg17.url(), "--to", pg13.url(), "--include", "public.party",
                "--trigger-search-path");
        assertThat(check.out()).as(check.err()).doesNotContain("TRIGGER_SEARCH_PATH");

        CliRun move = CliRun.of("move", "--from", pg17.url(), "--to", pg13.url(), "--include", "public.party",
                "--trigger-search-path");
        assertThat(move.exitCode()).as(move.out() + move.err()).isZero();
        assertThat(move.out()).contains("validation (full): PASS");
        assertThat(count(pg13, "SELECT count(*) FROM app.audit")).isEqualTo(40);
        // pgcarry's own sessions are pinned again afterwards: the journal and validation ran in pg_catalog's path.
        assertThat(count(pg13, "SELECT count(*) FROM public.party")).isEqualTo(40);
    }

    @Test
    void withDisableTriggersTheTriggerDoesNotFireAndComesBackEnabled() throws Exception {
        prepare(pg13, pg17);
        CliRun move = CliRun.of("move", "--from", pg13.url(), "--to", pg17.url(), "--include", "public.party",
                "--disable-triggers");
        assertThat(move.exitCode()).as(move.out() + move.err()).isZero();
        assertThat(move.out()).doesNotContain("TRIGGER_SEARCH_PATH");
        assertThat(count(pg17, "SELECT count(*) FROM app.audit")).isZero();
        assertThat(count(pg17, "SELECT count(*) FROM pg_trigger WHERE tgname = 'party_log' AND tgenabled = 'O'")).isEqualTo(1);
    }

    @Test
    void bothFlagsTogetherAreAUsageError() {
        CliRun move = CliRun.of("move", "--from", pg13.url(), "--to", pg17.url(), "--disable-triggers", "--trigger-search-path");
        assertThat(move.exitCode()).isEqualTo(2);
        assertThat(move.err().strip().lines()).hasSize(1);
        assertThat(move.err()).contains("--disable-triggers", "--trigger-search-path");
    }

    private static void prepare(PostgresExtension source, PostgresExtension target) throws Exception {
        execute(source, SCHEMA + "SET search_path = app, public; INSERT INTO party SELECT i, 'p' || i FROM generate_series(1, 40) i;");
        execute(target, SCHEMA + "ALTER DATABASE " + target.database() + " SET search_path = app, public;");
    }

    private static void execute(PostgresExtension pg, String sql) throws Exception {
        try (Connection c = pg.server().connect(pg.database()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(PostgresExtension pg, String sql) throws Exception {
        try (Connection c = pg.server().connect(pg.database()); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
