package io.pgcarry.move;

import io.pgcarry.error.Setting;
import io.pgcarry.report.ProblemCode;
import static io.pgcarry.move.MoveFixtures.definitions;
import static io.pgcarry.move.MoveFixtures.execute;
import static io.pgcarry.move.MoveFixtures.request;
import static io.pgcarry.move.MoveFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.check.CheckOptions;
import io.pgcarry.check.ChecksFailedException;
import io.pgcarry.connect.Connector;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.error.DatabaseException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Failures after writing began: the exact PostgreSQL error, nothing lost, and a way out. */
class MoveFailureIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String SOURCE = """
            CREATE TABLE country (code text PRIMARY KEY);
            CREATE TABLE customer (id int PRIMARY KEY, country text, age int, email text);
            CREATE INDEX customer_email_idx ON customer (email);
            INSERT INTO customer SELECT i, CASE WHEN i IN (7, 9) THEN 'XX' ELSE 'FR' END, 20 + i % 50, 'c' || i || '@x.org'
              FROM generate_series(1, 5000) i;
            ANALYZE;
            """;

    @Test
    void targetCheckConstraintsAreEvaluatedOnTheSourceRows() throws Exception {
        execute(pg13, pg13.database(), SOURCE);
        execute(pg17, pg17.database(), "CREATE TABLE customer (id int PRIMARY KEY, country text, age int CHECK (age < 60), email text)");
        assertThatThrownBy(() -> new Move(new Connector()).run(request(pg13.url(), pg17.url(), excludeCountry(), 2, 1000), CopyProgress.NONE))
                .isInstanceOf(ChecksFailedException.class)
                .satisfies(e -> assertThat(((ChecksFailedException) e).report().problems()).anySatisfy(p -> {
                    assertThat(p.code()).isEqualTo(ProblemCode.CHECK_VIOLATION);
                    assertThat(p.object()).isEqualTo("public.customer.customer_age_check");
                    assertThat(p.affectedRows()).isEqualTo(1000);
                    assertThat(p.samples()).hasSize(10).contains("id=40");
                }));
    }

    @Test
    void copyFailureNamesTheErrorAndAbortRestoresTheTarget() throws Exception {
        execute(pg13, pg13.database(), SOURCE);
        execute(pg17, pg17.database(), """
                CREATE DOMAIN mail AS text CHECK (VALUE NOT LIKE 'c4999@%');
                CREATE TABLE customer (id int PRIMARY KEY, country text, age int, email mail);
                CREATE INDEX customer_email_idx ON customer (email);
                """);
        List<String> before = definitions(pg17, pg17.database());

        assertThatThrownBy(() -> new Move(new Connector()).run(request(pg13.url(), pg17.url(), excludeCountry(), 2, 1000), CopyProgress.NONE))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("copying public.customer (rows with \"id\" >= ")
                .hasMessageContaining("[23514] value for domain public.mail violates check constraint \"mail_check\"")
                .hasMessageContaining("at COPY customer, line 999, column email: \"c4999@x.org\"");
        assertThat(Long.parseLong(value(pg17, pg17.database(), "SELECT count(*) FROM pgcarry.move_range WHERE done")))
                .as("the other ranges went in").isPositive();
        assertThat(new MoveJournal(new Connector()).status(MoveFixtures.spec(pg17.url()))).isPresent();

        CheckOptions otherTables = new CheckOptions(io.pgcarry.plan.Mapping.EMPTY,
                new io.pgcarry.plan.TableSelection(List.of(), List.of("country")), false, false, true);
        assertThatThrownBy(() -> new Move(new Connector()).resume(request(pg13.url(), pg17.url(), otherTables, 2, 1000), CopyProgress.NONE))
                .isInstanceOf(io.pgcarry.error.ConfigurationException.class)
                .hasMessageContaining("the unfinished move (run 1) copied other tables or columns");

        new MoveJournal(new Connector()).abort(MoveFixtures.spec(pg17.url()), 2, p -> { });
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM customer")).isEqualTo("0");
        assertThat(definitions(pg17, pg17.database())).isEqualTo(before);
    }

    @Test
    void foreignKeyThatFailsValidationStaysNotValidUntilFixedAndResumed() throws Exception {
        execute(pg13, pg13.database(), SOURCE);
        execute(pg17, pg17.database(), """
                CREATE TABLE country (code text PRIMARY KEY);
                INSERT INTO country VALUES ('FR'), ('DE');
                CREATE TABLE customer (id int PRIMARY KEY, country text REFERENCES country, age int, email text);
                """);
        List<String> before = definitions(pg17, pg17.database());

        assertThatThrownBy(() -> new Move(new Connector()).run(request(pg13.url(), pg17.url(), excludeCountry(), 2, 1000), CopyProgress.NONE))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("foreign key public.customer.customer_country_fkey does not hold after the load: [23503]")
                .hasMessageContaining("first orphan rows: id=7; id=9")
                .hasMessageContaining("The key stays NOT VALID");
        assertThat(value(pg17, pg17.database(), "SELECT convalidated FROM pg_constraint WHERE conname = 'customer_country_fkey'"))
                .as("the key exists, not valid: never silently lost").isEqualTo("f");

        execute(pg17, pg17.database(), "INSERT INTO country VALUES ('XX')");
        MoveResult resumed = new Move(new Connector()).resume(request(pg13.url(), pg17.url(), excludeCountry(), 2, 1000), CopyProgress.NONE);
        assertThat(resumed.validation().passed()).isTrue();
        assertThat(definitions(pg17, pg17.database())).isEqualTo(before);
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM customer")).isEqualTo("5000");
    }

    private static CheckOptions excludeCountry() {
        return new CheckOptions(io.pgcarry.plan.Mapping.EMPTY, new io.pgcarry.plan.TableSelection(List.of(), List.of("country")),
                false, false, false);
    }

    @Test
    void truncateTargetReplacesRowsAndSaysSoLoudly() throws Exception {
        execute(pg13, pg13.database(), SOURCE);
        execute(pg17, pg17.database(), """
                CREATE TABLE customer (id int PRIMARY KEY, country text, age int, email text);
                CREATE INDEX customer_email_idx ON customer (email);
                INSERT INTO customer VALUES (1, 'old', 1, 'old@x.org'), (99999, 'old', 2, 'gone@x.org');
                """);
        List<String> before = definitions(pg17, pg17.database());
        assertThatThrownBy(() -> new Move(new Connector()).run(request(pg13.url(), pg17.url(), excludeCountry(), 2, 1000), CopyProgress.NONE))
                .isInstanceOf(ChecksFailedException.class)
                .satisfies(e -> assertThat(((ChecksFailedException) e).report().problems())
                        .anySatisfy(p -> assertThat(p.message()).isEqualTo("target table holds 2 rows; empty it, exclude it, or pass "
                                + Setting.TRUNCATE_TARGET.mention() + " to delete them")));

        CheckOptions truncate = new CheckOptions(io.pgcarry.plan.Mapping.EMPTY,
                new io.pgcarry.plan.TableSelection(List.of(), List.of("country")), true, false, false);
        MoveResult result = new Move(new Connector()).run(request(pg13.url(), pg17.url(), truncate, 2, 1000), CopyProgress.NONE);
        assertThat(result.check().problems()).anySatisfy(p -> {
            assertThat(p.code()).isEqualTo(ProblemCode.TARGET_TRUNCATED);
            assertThat(p.message()).isEqualTo("holds 2 rows that " + Setting.TRUNCATE_TARGET.mention() + " WILL DELETE");
        });
        assertThat(result.validation().passed()).isTrue();
        assertThat(value(pg17, pg17.database(), "SELECT count(*) || ' ' || max(id) FROM customer")).isEqualTo("5000 5000");
        assertThat(definitions(pg17, pg17.database())).isEqualTo(before);
    }

    @Test
    void abortEmptiesWithDeleteWhenTheRoleMayNotTruncate() throws Exception {
        execute(pg13, pg13.database(), "CREATE TABLE plain (id int, v text); INSERT INTO plain SELECT i, 'v' || i FROM generate_series(1, 3000) i;");
        String role = "inserter_" + pg17.database();
        execute(pg17, pg17.database(), """
                CREATE DOMAIN short_text AS text CHECK (VALUE <> 'v2999');
                CREATE TABLE plain (id int, v short_text);
                CREATE ROLE %1$s LOGIN PASSWORD 'ins-pass' IN ROLE pgcarry_password_auth;
                GRANT CREATE ON DATABASE %2$s TO %1$s;
                GRANT SELECT, INSERT ON plain TO %1$s;
                """.formatted(role, pg17.database()));
        String url = pg17.server().url(role, "ins-pass", pg17.database());
        MoveRequest asInserter = request(pg13.url(), url, CheckOptions.defaults(), 1, 1000);
        assertThatThrownBy(() -> new Move(new Connector()).run(asInserter, CopyProgress.NONE))
                .isInstanceOf(ChecksFailedException.class)
                .satisfies(e -> assertThat(((ChecksFailedException) e).report().problems()).anySatisfy(p -> {
                    assertThat(p.code()).isEqualTo(ProblemCode.NO_TRUNCATE);
                    assertThat(p.message()).startsWith("an interrupted move could not be undone");
                }));
        execute(pg17, pg17.database(), "GRANT DELETE ON plain TO " + role);
        assertThatThrownBy(() -> new Move(new Connector()).run(asInserter, CopyProgress.NONE)).isInstanceOf(DatabaseException.class);
        execute(pg17, pg17.database(), "INSERT INTO plain VALUES (0, 'loaded by hand in between')");

        new MoveJournal(new Connector()).abort(MoveFixtures.spec(url), 1, p -> { });
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM plain")).as("emptied with DELETE").isEqualTo("0");
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM pg_namespace WHERE nspname = 'pgcarry'")).as("the journal is removed").isEqualTo("0");
    }
}
