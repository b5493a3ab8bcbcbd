package io.pgcarry.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.connect.ConnectionResolver;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.EndpointSource;
import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.plan.Mapping;
import io.pgcarry.plan.TableSelection;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Validation between PostgreSQL 13 and 17: equal data passes, every kind of difference is found by key. */
class ValidateIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String COMMON = """
            CREATE TABLE items (id int PRIMARY KEY, a text, b text, n numeric(12, 2), j jsonb, at timestamptz);
            INSERT INTO items SELECT i, 'a' || i, CASE WHEN i % 10 = 0 THEN NULL ELSE 'b' || i END, i / 3.0,
                   jsonb_build_object('k', i), timestamptz '2024-01-01 10:00:00+00' + i * interval '1 second'
              FROM generate_series(1, 20000) i;
            CREATE TABLE pairs (id int PRIMARY KEY, a text, b text);
            INSERT INTO pairs VALUES (1, 'ab', 'c'), (2, 'x', 'y');
            CREATE TABLE bag (v text, w int);
            INSERT INTO bag VALUES ('x', 1), ('y', 2), ('y', 2);
            CREATE TABLE codes (code text PRIMARY KEY, label text);
            INSERT INTO codes SELECT 'C' || lpad(i::text, 5, '0'), 'label ' || i FROM generate_series(1, 3000) i;
            CREATE TABLE zones (id int PRIMARY KEY, at timestamptz, doc jsonb);
            """;

    @BeforeEach
    void sameDataOnBothSides() throws Exception {
        execute(pg13, pg13.database(), COMMON + "SET TimeZone = 'Asia/Tokyo'; INSERT INTO zones VALUES (1, '2024-01-01 19:00', '{\"b\": 1, \"a\": 2}');");
        // The same instant written in another zone (the driver sets the session zone, so set it in the session).
        execute(pg17, pg17.database(), COMMON + "SET TimeZone = 'America/New_York'; "
                + "INSERT INTO zones VALUES (1, '2024-01-01 05:00', '{\"a\": 2, \"b\": 1}');");
    }

    @Test
    void equalDataPassesIncludingTimeZonesJsonbKeyOrderAndTheTypeZoo() throws Exception {
        script(pg13, "/io/pgcarry/move/zoo-schema.sql");
        script(pg13, "/io/pgcarry/move/zoo-data.sql");
        script(pg17, "/io/pgcarry/move/zoo-schema.sql");
        script(pg17, "/io/pgcarry/move/zoo-data.sql", "SET TimeZone = 'Pacific/Auckland'; SET extra_float_digits = 0;");
        ValidationReport report = validate(ValidationLevel.FULL, 10, false);
        assertThat(report.tables().stream().filter(t -> !t.passed()).map(TableValidation::table)).as("failed tables").isEmpty();
        assertThat(report.passed()).as("%s", report).isTrue();
        assertThat(report.tables()).hasSize(15);
        assertThat(report.tables()).allSatisfy(t -> assertThat(t.differences()).isEmpty());
    }

    @Test
    void everyKindOfDifferenceIsFoundWithItsKey() throws Exception {
        execute(pg17, pg17.database(), """
                UPDATE items SET a = 'changed' WHERE id = 777;
                DELETE FROM items WHERE id = 5;
                INSERT INTO items (id, a) VALUES (50000, 'extra');
                UPDATE items SET b = '' WHERE id = 10;
                UPDATE items SET a = b, b = a WHERE id = 21;
                UPDATE items SET n = n + 0.01 WHERE id = 20000;
                UPDATE pairs SET a = 'a', b = 'bc' WHERE id = 1;
                INSERT INTO bag VALUES ('x', 1);
                DELETE FROM bag WHERE v = 'y' AND ctid = (SELECT min(ctid) FROM bag WHERE v = 'y');
                UPDATE codes SET label = 'relabelled' WHERE code = 'C00042';
                DELETE FROM codes WHERE code = 'C02999';
                INSERT INTO codes VALUES ('C99999', 'new');
                """);
        ValidationReport report = validate(ValidationLevel.FULL, 10, false);
        assertThat(report.passed()).isFalse();

        assertThat(differences(report, "public.items")).containsExactly(
                "missing id=5", "changed id=10 [b]", "changed id=21 [a, b]", "changed id=777 [a]", "changed id=20000 [n]",
                "extra id=50000");
        assertThat(differences(report, "public.pairs")).as("('ab','c') and ('a','bc') must differ").containsExactly("changed id=1 [a, b]");
        assertThat(differences(report, "public.codes")).containsExactly("changed code=C00042 [label]", "missing code=C02999",
                "extra code=C99999");
        TableValidation bag = table(report, "public.bag");
        assertThat(bag.passed()).as("a duplicated row in a table without key").isFalse();
        assertThat(bag.sourceRows()).isEqualTo(bag.targetRows());
        assertThat(bag.note()).contains("no primary key");
        assertThat(table(report, "public.zones").passed()).as("%s", table(report, "public.zones")).isTrue();
    }

    @Test
    void valuesThatCompareEqualButPrintDifferentlyAreDifferences() throws Exception {
        String table = """
                CREATE TABLE forgiving (id int PRIMARY KEY, n numeric, f float8, i interval, j jsonb, v varchar(5), c char(3),
                                        u uuid, t timestamp(3), ok boolean);
                INSERT INTO forgiving SELECT g, 1.0, 0, '1 day', '{"a": 1.0}', 'a', 'x', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
                                             '2024-01-01 00:00:00.5', true
                  FROM generate_series(1, 9) g;
                """;
        execute(pg13, pg13.database(), table);
        execute(pg17, pg17.database(), table + """
                UPDATE forgiving SET n = 1.00 WHERE id = 1;
                UPDATE forgiving SET f = '-0' WHERE id = 2;
                UPDATE forgiving SET i = '24 hours' WHERE id = 3;
                UPDATE forgiving SET j = '{"a": 1.00}' WHERE id = 4;
                UPDATE forgiving SET v = 'a ' WHERE id = 5;
                UPDATE forgiving SET c = 'y' WHERE id = 6;
                UPDATE forgiving SET u = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12' WHERE id = 7;
                UPDATE forgiving SET t = '2024-01-01 00:00:00.501' WHERE id = 8;
                UPDATE forgiving SET ok = NULL WHERE id = 9;
                """);
        // numeric, float, interval and jsonb equality forgive these; the hash must not.
        assertThat(differences(validate(ValidationLevel.FULL, 20, false), "public.forgiving")).containsExactly(
                "changed id=1 [n]", "changed id=2 [f]", "changed id=3 [i]", "changed id=4 [j]", "changed id=5 [v]", "changed id=6 [c]",
                "changed id=7 [u]", "changed id=8 [t]", "changed id=9 [ok]");
    }

    @Test
    void rowsWithANullKeyOnATargetWithoutTheKeyAreReported() throws Exception {
        execute(pg13, pg13.database(), "CREATE TABLE loose (id int PRIMARY KEY, v text); INSERT INTO loose SELECT g, 'v' FROM generate_series(1, 5000) g;");
        execute(pg17, pg17.database(), "CREATE TABLE loose (id int, v text); INSERT INTO loose SELECT g, 'v' FROM generate_series(1, 5000) g;"
                + "INSERT INTO loose VALUES (NULL, 'v'), (NULL, 'w');");
        ValidationReport report = validate(ValidationLevel.FULL, 10, false);
        TableValidation loose = table(report, "public.loose");
        assertThat(loose.passed()).isFalse();
        assertThat(loose.targetRows()).isEqualTo(5002);
        assertThat(differences(report, "public.loose")).containsExactly("extra id=NULL (2 rows)");
    }

    @Test
    void maxDiffsTruncatesAndValuesOnlyWhenAsked() throws Exception {
        execute(pg17, pg17.database(), "UPDATE items SET a = 'x' || id WHERE id % 1000 = 0");
        TableValidation hidden = table(validate(ValidationLevel.FULL, 3, false), "public.items");
        assertThat(hidden.differences()).hasSize(3);
        assertThat(hidden.truncated()).isTrue();
        assertThat(hidden.differences().get(0).values()).isEmpty();

        TableValidation shown = table(validate(ValidationLevel.FULL, 30, true), "public.items");
        assertThat(shown.differences()).hasSize(20);
        assertThat(shown.truncated()).isFalse();
        assertThat(shown.differences().get(0).values()).containsEntry("a", List.of("a1000", "x1000"));
    }

    @Test
    void countAndHashLevelsSeeLessButStillFail() throws Exception {
        execute(pg17, pg17.database(), "UPDATE items SET a = 'changed' WHERE id = 777");
        assertThat(table(validate(ValidationLevel.COUNT, 10, false), "public.items").passed()).isTrue();
        TableValidation hashed = table(validate(ValidationLevel.HASH, 10, false), "public.items");
        assertThat(hashed.passed()).isFalse();
        assertThat(hashed.differences()).isEmpty();
    }

    @Test
    void orphansAreCountedAsTheForeignKeySeesRowsNotThroughInheritanceChildren() throws Exception {
        String tables = """
                CREATE TABLE parents (id int PRIMARY KEY);
                CREATE TABLE parents_old () INHERITS (parents);
                CREATE TABLE kids (id int PRIMARY KEY, parent int);
                CREATE TABLE kids_archive () INHERITS (kids);
                INSERT INTO parents VALUES (1);
                INSERT INTO parents_old VALUES (5);
                INSERT INTO kids VALUES (10, 1), (11, 5);
                INSERT INTO kids_archive VALUES (20, 999);
                ALTER TABLE kids ADD CONSTRAINT kids_parent FOREIGN KEY (parent) REFERENCES parents NOT VALID;
                """;
        execute(pg13, pg13.database(), tables);
        execute(pg17, pg17.database(), tables);

        ValidationReport report = validate(ValidationLevel.COUNT, 10, false);

        // A foreign key neither covers the rows of kids_archive (999 is not an orphan of it) nor is satisfied by
        // parents_old's rows (kid 11, whose parent 5 lives only there, is one).
        assertThat(report.references()).filteredOn(r -> r.reference().contains("kids_parent"))
                .singleElement().satisfies(r -> {
                    assertThat(r.orphans()).isEqualTo(1);
                    assertThat(r.samples()).containsExactly("id=11");
                });
    }

    @Test
    void aLatin1SourceAndAUtf8TargetHoldingTheSameTextCompareEqualAndAChangeIsFound() throws Exception {
        String latin = "latin_" + pg13.database();
        execute(pg13, "postgres", "CREATE DATABASE " + latin + " ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
        String utf8 = pg17.newDatabase();
        String rows = """
                CREATE TABLE "Straße" (id int PRIMARY KEY, name text, note varchar(20));
                INSERT INTO "Straße" SELECT i, 'Grüße ' || i, CASE WHEN i % 3 = 0 THEN NULL ELSE 'été, (à) "x"' END
                  FROM generate_series(1, 3000) i;
                CREATE TABLE plain (v text);
                INSERT INTO plain VALUES ('Ærø'), ('Ærø'), ('ß');
                """;
        try {
            execute(pg13, latin, rows);
            execute(pg17, utf8, rows);
            String source = pg13.server().url(latin);
            String target = pg17.server().url(utf8);

            ValidationReport equal = validate(source, target, ValidationLevel.FULL, 10, false);
            assertThat(equal.passed()).as("%s", equal.tables()).isTrue();

            execute(pg17, utf8, "UPDATE \"Straße\" SET name = 'Grüsse 2345' WHERE id = 2345; UPDATE plain SET v = 'ss' WHERE v = 'ß'");
            ValidationReport changed = validate(source, target, ValidationLevel.FULL, 10, false);
            assertThat(differences(changed, "public.\"Straße\"")).containsExactly("changed id=2345 [name]");
            assertThat(table(changed, "public.plain").passed()).isFalse();
        } finally {
            execute(pg13, "postgres", "DROP DATABASE " + latin);
        }
    }

    @Test
    void rowLevelSecurityIsRefusedRatherThanComparingWhatThePoliciesLetThrough() throws Exception {
        String policy = "ALTER TABLE items ENABLE ROW LEVEL SECURITY; CREATE POLICY first_hundred ON items USING (id <= 100);";
        execute(pg13, pg13.database(), policy);
        execute(pg17, pg17.database(), policy + "UPDATE items SET a = 'changed' WHERE id = 5000;");
        String viewer = "SET password_encryption = 'scram-sha-256'; CREATE ROLE viewer_%s LOGIN PASSWORD 'viewer-pass' IN ROLE "
                + io.pgcarry.embedded.EmbeddedPostgres.PASSWORD_ROLE + "; GRANT SELECT ON ALL TABLES IN SCHEMA public TO viewer_%1$s;";
        execute(pg13, pg13.database(), viewer.formatted(pg13.database()));
        execute(pg17, pg17.database(), viewer.formatted(pg17.database()));

        assertThatThrownBy(() -> validate(pg13.server().url("viewer_" + pg13.database(), "viewer-pass", pg13.database()),
                pg17.server().url("viewer_" + pg17.database(), "viewer-pass", pg17.database()), ValidationLevel.FULL, 10, false))
                .isInstanceOf(io.pgcarry.error.DatabaseException.class)
                .hasMessageContaining("public.items")
                .hasMessageContaining("on the source")
                .hasMessageContaining("BYPASSRLS");
    }

    @Test
    void aSequenceBehindItsColumnFailsOnlyWhenTheSourceIsNotBehindToo() throws Exception {
        String counters = "CREATE TABLE counters (id int GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, v int);"
                + "INSERT INTO counters (id, v) VALUES (1, 1), (2, 2), (3, 3);";
        execute(pg13, pg13.database(), counters);
        execute(pg17, pg17.database(), counters);
        ValidationReport bothBehind = validate(ValidationLevel.COUNT, 10, false);
        assertThat(bothBehind.sequences()).singleElement().satisfies(s -> {
            assertThat(s.behindInSource()).isTrue();
            assertThat(s.passed()).isTrue();
        });
        assertThat(bothBehind.passed()).as("two equal databases compare equal").isTrue();

        execute(pg13, pg13.database(), "SELECT setval(pg_get_serial_sequence('counters', 'id'), 3)");
        ValidationReport targetBehind = validate(ValidationLevel.COUNT, 10, false);
        assertThat(targetBehind.sequences()).singleElement().satisfies(s -> {
            assertThat(s.behindInSource()).isFalse();
            assertThat(s.passed()).isFalse();
        });
        assertThat(targetBehind.passed()).isFalse();
    }

    private ValidationReport validate(ValidationLevel level, int maxDiffs, boolean showValues) {
        return validate(pg13.url(), pg17.url(), level, maxDiffs, showValues);
    }

    private ValidationReport validate(String sourceUrl, String targetUrl, ValidationLevel level, int maxDiffs, boolean showValues) {
        ConnectionResolver resolver = new ConnectionResolver(Map.of(), Path.of("/nonexistent-home"));
        ConnectionSpec from = resolver.resolve(new EndpointSource.Url(sourceUrl));
        ConnectionSpec to = resolver.resolve(new EndpointSource.Url(targetUrl));
        return new Validate(new Connector()).run(new ValidateRequest(from, to, Mapping.EMPTY, TableSelection.all(), level, 2,
                maxDiffs, showValues));
    }

    private static TableValidation table(ValidationReport report, String name) {
        return report.tables().stream().filter(t -> t.table().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> differences(ValidationReport report, String table) {
        return table(report, table).differences().stream()
                .map(d -> d.kind() + " " + d.key() + (d.columns().isEmpty() ? "" : " " + d.columns())).toList();
    }

    private static void script(PostgresExtension pg, String resource) throws Exception {
        script(pg, resource, "");
    }

    /** Runs a script in one session, after {@code settings} (so they apply to it). */
    private static void script(PostgresExtension pg, String resource, String settings) throws Exception {
        try (InputStream in = ValidateIT.class.getResourceAsStream(resource)) {
            execute(pg, pg.database(), settings + new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static void execute(PostgresExtension pg, String db, String sql) throws Exception {
        try (Connection c = pg.server().connect(db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
