package io.pgcarry.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.error.Setting;
import io.pgcarry.embedded.junit.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For each kind of lossy cast, in place and by rebuild: the plan fails on values the cast would change and
 * leaves them as they were, succeeds without them, and with loss allowed changes them as PostgreSQL's cast does;
 * the hazards count the rows and name their keys.
 */
class LossyCastIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.major(17);

    /** A value as a literal of TARGET's type, and its text once cast to SOURCE's type. */
    record Value(String literal, String after) {
    }

    /** Fine values come back unchanged through the cast; bad ones (ids 201, 202, ...) do not. */
    record Case(String word, String from, String to, List<Value> fine, List<Value> bad) {
        @Override
        public String toString() {
            return from + " -> " + to;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("truncated", "character varying(60)", "character varying(10)", List.of(new Value("'p1@ex.org'", "p1@ex.org")),
                        List.of(new Value("'p100@ex.org'", "p100@ex.or"), new Value("'someone@example.com'", "someone@ex"))),
                new Case("truncated", "character(12)", "character(4)", List.of(new Value("'ab'", "ab")),
                        List.of(new Value("'abcdef'", "abcd"))),
                new Case("truncated", "bit(8)", "bit(4)", List.of(new Value("B'10100000'", "1010")),
                        List.of(new Value("B'10101010'", "1010"))),
                new Case("truncated", "bit varying(8)", "bit varying(4)", List.of(new Value("B'101'", "101")),
                        List.of(new Value("B'101011'", "1010"))),
                new Case("rounded", "numeric(10,4)", "numeric(10,2)", List.of(new Value("1.5", "1.50")),
                        List.of(new Value("1.2345", "1.23"), new Value("9.9999", "10.00"))),
                new Case("rounded", "numeric", "numeric(6,2)", List.of(new Value("12.5", "12.50")),
                        List.of(new Value("3.14159", "3.14"))),
                new Case("rounded", "timestamp without time zone", "timestamp(0) without time zone",
                        List.of(new Value("'2024-05-01 10:00:00'", "2024-05-01 10:00:00")),
                        List.of(new Value("'2024-05-01 10:00:00.6'", "2024-05-01 10:00:01"))),
                new Case("rounded", "time without time zone", "time(1) without time zone", List.of(new Value("'10:00:00.5'", "10:00:00.5")),
                        List.of(new Value("'10:00:00.27'", "10:00:00.3"))),
                new Case("rounded", "interval", "interval(0)", List.of(new Value("'1 day 02:00:00'", "1 day 02:00:00")),
                        List.of(new Value("'00:00:01.7'", "00:00:02"))),
                new Case("rounded", "double precision", "integer", List.of(new Value("42", "42")),
                        List.of(new Value("1.4", "1"), new Value("2.6", "3"))),
                new Case("rounded", "numeric", "bigint", List.of(new Value("7", "7")), List.of(new Value("7.5", "8"))),
                new Case("rounded", "double precision", "real", List.of(new Value("0.5", "0.5")),
                        List.of(new Value("3.141592653589793", "3.1415927"))),
                new Case("changed", "text", "integer", List.of(new Value("'42'", "42")),
                        List.of(new Value("'007'", "7"), new Value("'+5'", "5"))),
                new Case("truncated", "timestamp without time zone", "date", List.of(new Value("'2024-05-01 00:00:00'", "2024-05-01")),
                        List.of(new Value("'2024-05-01 13:30:00'", "2024-05-01"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void lossyChangesFailUnlessAllowedInPlaceAndByRebuild(Case c) throws Exception {
        execute(pg.database(), "CREATE TABLE items (id int PRIMARY KEY, v " + c.to() + ")");
        SchemaModel source = read(pg.database());
        // every cast in place; the rebuild's copy shares the guard, so two kinds of cast prove it (each mode costs
        // two databases and three schema reads, and the suite has a time budget)
        boolean alsoRebuild = c.from().equals("character varying(60)") || c.from().equals("numeric(10,4)");
        for (boolean rebuild : alsoRebuild ? List.of(false, true) : List.of(false)) {
            String target = target(c);
            Map<Integer, String> before = values(target);
            AlignmentPlan refusing = plan(source, target, rebuild, false);
            String refused = refusing.render();
            assertThat(refused).contains("may fail on existing data (" + c.bad().size() + " row" + (c.bad().size() == 1 ? "" : "s")
                    + ": values of v would be " + c.word() + " by the cast to " + c.to() + " (id " + badKeys(c) + "); the \"v_lossless_pgcarry\" check refuses them");
            assertThatThrownBy(() -> apply(target, refusing))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23514"));
            assertThat(values(target)).isEqualTo(before);
            assertThat(type(target)).isEqualTo(c.from());

            AlignmentPlan lossy = plan(source, target, rebuild, true);
            assertThat(lossy.render()).contains("loses data (" + c.bad().size() + " row").contains("values of v will be " + c.word()
                    + " by the cast to " + c.to() + " (id " + badKeys(c) + "); allowed by " + Setting.ALLOW_LOSSY.mention()).doesNotContain("lossless_pgcarry");
            apply(target, lossy);
            assertThat(values(target)).isEqualTo(expected(c, true));
            assertThat(type(target)).isEqualTo(c.to());

            String clean = target(c);
            execute(clean, "DELETE FROM items WHERE id > 200");
            AlignmentPlan fits = plan(source, clean, rebuild, false);
            assertThat(fits.render()).contains("(0 rows: values of v would be " + c.word());
            apply(clean, fits);
            assertThat(values(clean)).isEqualTo(expected(c, false));
            assertThat(type(clean)).isEqualTo(c.to());
        }
    }

    @Test
    void castsThatFailByThemselvesAreNotGuardedButCounted() throws Exception {
        execute(pg.database(), "CREATE TABLE items (id int PRIMARY KEY, v integer)");
        String target = pg.newDatabase();
        execute(target, "CREATE TABLE items (id int PRIMARY KEY, v bigint); INSERT INTO items VALUES (1, 5), (2, 10000000000)");
        AlignmentPlan plan = plan(read(pg.database()), target, false, false);
        assertThat(plan.render()).contains("may fail on existing data (1 row: values do not convert to integer)").doesNotContain("lossless");
        assertThatThrownBy(() -> apply(target, plan)).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("22003"));
        assertThat(values(target)).containsEntry(2, "10000000000");
    }

    @Test
    void hazardsNameAtMostTenKeysOfACompositeKeyAndCtidWithoutAKey() throws Exception {
        execute(pg.database(), """
                CREATE TABLE "Accounts" (tenant int, id int, email varchar(10), PRIMARY KEY (tenant, id));
                CREATE TABLE log (line varchar(3));
                """);
        String target = pg.newDatabase();
        execute(target, """
                CREATE TABLE "Accounts" (tenant int, id int, email varchar(60), PRIMARY KEY (tenant, id));
                INSERT INTO "Accounts" SELECT 1 + i % 2, i, left('abcdefghijklmnopqrstuvwxyz0123', i) FROM generate_series(1, 30) i;
                CREATE TABLE log (line text);
                INSERT INTO log VALUES ('ok'), ('too long');
                """);
        String sql = plan(read(pg.database()), target, false, false).render();
        // Values of up to 10 characters fit: the 20 longer ones do not, and the first ten are listed in key order.
        assertThat(sql).contains("(20 rows: values of email would be truncated by the cast to character varying(10) "
                + "((tenant, id) (1, 12), (1, 14), (1, 16), (1, 18), (1, 20), (1, 22), (1, 24), (1, 26), (1, 28), (1, 30), ...)");
        assertThat(sql).contains("(1 row: values of line would be truncated by the cast to character varying(3) (ctid (0,2)); the \"line_lossless_pgcarry\" check refuses them");
    }

    /**
     * Plans {@code target} toward {@code source}, the model of the test's own database: read once per test, as no step
     * changes that database (a model read is a third of a second, and each case plans up to eight times).
     */
    private AlignmentPlan plan(SchemaModel source, String target, boolean rebuild, boolean allowLossy) throws Exception {
        SchemaModel found = read(target);
        try (Connection probe = pg.server().connect(target)) {
            return new AlignmentPlanner(source, found, new PlanOptions(false, rebuild, false, allowLossy), TargetProbe.live(probe))
                    .plan(SchemaDiff.compare(source, found));
        }
    }

    private String target(Case c) throws Exception {
        String target = pg.newDatabase();
        StringBuilder sql = new StringBuilder("CREATE TABLE items (id int PRIMARY KEY, v " + c.from() + ");\n");
        sql.append("INSERT INTO items VALUES (100, NULL);\n");
        for (int i = 0; i < c.fine().size(); i++) {
            sql.append("INSERT INTO items VALUES (").append(i + 1).append(", ").append(c.fine().get(i).literal()).append(");\n");
        }
        for (int i = 0; i < c.bad().size(); i++) {
            sql.append("INSERT INTO items VALUES (").append(201 + i).append(", ").append(c.bad().get(i).literal()).append(");\n");
        }
        execute(target, sql.toString());
        return target;
    }

    private static String badKeys(Case c) {
        return String.join(", ", Stream.iterate(201, i -> i + 1).limit(c.bad().size()).map(String::valueOf).toList());
    }

    private static Map<Integer, String> expected(Case c, boolean withBad) {
        Map<Integer, String> values = new LinkedHashMap<>();
        for (int i = 0; i < c.fine().size(); i++) {
            values.put(i + 1, c.fine().get(i).after());
        }
        values.put(100, null);
        for (int i = 0; withBad && i < c.bad().size(); i++) {
            values.put(201 + i, c.bad().get(i).after());
        }
        return values;
    }

    private static void apply(String database, AlignmentPlan plan) throws Exception {
        SchemaDiffIT.applyPlan(pg, database, plan);
    }

    private static Map<Integer, String> values(String database) throws Exception {
        Map<Integer, String> values = new LinkedHashMap<>();
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, v::text FROM items ORDER BY id")) {
            while (rs.next()) {
                values.put(rs.getInt(1), rs.getString(2));
            }
        }
        return values;
    }

    private static String type(String database) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'items'::regclass AND attname = 'v'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static SchemaModel read(String database) throws Exception {
        try (Connection c = pg.server().connect(database)) {
            return SchemaSource.read(c, false);
        }
    }

    private static void execute(String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
