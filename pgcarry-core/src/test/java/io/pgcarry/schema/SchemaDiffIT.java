package io.pgcarry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.embedded.junit.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Round trips from 13 to 17, and for each kind of change: the diff finds it, and its plan applied to TARGET
 * makes the diff come back empty.
 */
class SchemaDiffIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String FIXTURE = "/io/pgcarry/schema/schema-fixture.sql";

    @Test
    void theFixtureDumpedFrom13AndAppliedOn17HasNoDifferences() throws Exception {
        execute(pg13, pg13.database(), SchemaDumpIT.resource(FIXTURE));
        SchemaModel on13 = read(pg13, pg13.database());
        apply(pg17, pg17.database(), SchemaScript.of(on13).statements());
        SchemaModel on17 = read(pg17, pg17.database());

        SchemaDifferences differences = SchemaDiff.compare(on13, on17);
        assertThat(differences.differences()).isEmpty();
        assertThat(on17.warnings()).isEmpty();
    }

    @Test
    void everyKindOfChangeIsFoundAndItsPlanAlignsTarget() throws Exception {
        String fixture = SchemaDumpIT.resource(FIXTURE);
        execute(pg17, pg17.database(), fixture + ";\nALTER TYPE \"Zoo\".diet ADD VALUE 'insectivore' BEFORE 'omnivore';");
        String target = pg17.newDatabase();
        execute(pg17, target, fixture + """
                ;
                ALTER TABLE "Zoo".animal ADD COLUMN legacy_code text;
                DROP VIEW "Zoo".animals_needing_care, "Zoo".animal_roster;
                ALTER TABLE "Zoo".animal ALTER COLUMN species TYPE varchar(200);
                CREATE VIEW "Zoo".animal_roster AS
                    SELECT a.id, a.name, a.species, a.health, e.name AS enclosure, a."Order"
                      FROM "Zoo".animal a LEFT JOIN "Zoo".enclosure e ON e.id = a.enclosure_id;
                CREATE VIEW "Zoo".animals_needing_care AS
                    SELECT id, name, enclosure FROM "Zoo".animal_roster WHERE health <> 'healthy';
                ALTER TABLE "Zoo".keeper ALTER COLUMN hired_on DROP DEFAULT;
                CREATE TABLE public.api_usage_metric (id int PRIMARY KEY, hits int);
                INSERT INTO public.api_usage_metric VALUES (1, 10);
                COMMENT ON SCHEMA "Zoo" IS 'changed';
                ALTER SEQUENCE "Zoo".badge_seq INCREMENT BY 3;
                ALTER TABLE "bazaar-vid"."Export" DISABLE ROW LEVEL SECURITY;
                CREATE OR REPLACE FUNCTION "Zoo".is_valid_tag(tag text) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT
                    AS $$ SELECT tag ~ '^[A-Z]{2}-[0-9]{3,4}$' $$;
                """);
        execute(pg17, target, dropOneOfEach(pg17, target));

        SchemaModel source = read(pg17, pg17.database());
        SchemaDifferences before = SchemaDiff.compare(source, read(pg17, target));
        assertThat(before.differences()).extracting(d -> d.id().kind())
                .contains(ObjectKind.SCHEMA, ObjectKind.SEQUENCE, ObjectKind.FUNCTION, ObjectKind.TABLE, ObjectKind.COLUMN,
                        ObjectKind.CONSTRAINT, ObjectKind.INDEX, ObjectKind.VIEW, ObjectKind.TRIGGER, ObjectKind.POLICY, ObjectKind.ENUM);
        assertThat(before.count(ObjectDifference.Change.MISSING)).isPositive();
        assertThat(before.count(ObjectDifference.Change.EXTRA)).isPositive();
        assertThat(before.count(ObjectDifference.Change.CHANGED)).isPositive();

        AlignmentPlan plan;
        try (Connection probe = pg17.server().connect(target)) {
            plan = new AlignmentPlanner(source, read(pg17, target), new PlanOptions(false, false, PlanOptions.Drops.DATA, false, List.of()),
                    TargetProbe.live(probe)).plan(before);
        }
        assertThat(plan.render()).contains("hazard: deletes data (1 row found at plan time; guard: dropped only if still 1 row of content hash",
                "DROP TABLE \"public\".\"api_usage_metric\"", "hazard: deletes data (0 non-null values found at plan time; guard: dropped only "
                + "if still empty when the plan runs)");
        applyPlan(pg17, target, plan);

        assertThat(SchemaDiff.compare(source, read(pg17, target)).differences()).isEmpty();
    }

    @Test
    void dropsAreCommentedOutUnlessAllowedAndHazardsCountTheRowsThatWouldFail() throws Exception {
        String base = """
                CREATE TABLE exports (id int PRIMARY KEY, export_id text, note text);
                INSERT INTO exports VALUES (1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', NULL), (2, 'not-a-uuid', NULL), (3, NULL, 'x');
                CREATE TABLE old_stuff (id int);
                INSERT INTO old_stuff VALUES (1), (2);
                """;
        execute(pg13, pg13.database(), "CREATE TABLE exports (id int PRIMARY KEY, export_id uuid, note text NOT NULL);");
        String target = pg13.newDatabase();
        execute(pg13, target, base);
        SchemaModel source = read(pg13, pg13.database());
        SchemaModel found = read(pg13, target);
        SchemaDifferences differences = SchemaDiff.compare(source, found);
        assertThat(differences.differences()).anySatisfy(d -> {
            assertThat(d.id().toString()).isEqualTo("column public.exports.export_id");
            assertThat(d.changes()).containsExactly(new AttributeChange("type", "uuid", "text"));
        });
        AlignmentPlan plan;
        try (Connection probe = pg13.server().connect(target)) {
            plan = new AlignmentPlanner(source, found, new PlanOptions(false, false, false, false), TargetProbe.live(probe)).plan(differences);
        }
        String sql = plan.render();
        assertThat(sql).contains("USING \"export_id\"::uuid", "hazard: may fail on existing data (1 row: values do not convert to uuid)",
                "hazard: table rewrite", "hazard: may fail on existing data (2 rows: rows hold NULL)",
                "-- DROP TABLE \"public\".\"old_stuff\"", "hazard: deletes data (2 rows found at plan time)");
        assertThat(plan.active()).noneMatch(s -> s.sql().startsWith("DROP TABLE"));
    }

    @Test
    void rebuildCopiesAndSwapsKeepingTheOldTableAndTheRollbackSwapsBack() throws Exception {
        String common = """
                CREATE TABLE "bazaar-vid_user" (id text PRIMARY KEY);
                INSERT INTO "bazaar-vid_user" VALUES ('u1');
                """;
        execute(pg13, pg13.database(), common + """
                CREATE TABLE "bazaar-vid_exports" (id uuid PRIMARY KEY, user_id varchar(255) NOT NULL REFERENCES "bazaar-vid_user"(id),
                    n int GENERATED ALWAYS AS IDENTITY, status text DEFAULT 'pending' NOT NULL);
                CREATE INDEX exports_user_idx ON "bazaar-vid_exports" (user_id);
                CREATE TABLE analytics (id int PRIMARY KEY, export_id uuid REFERENCES "bazaar-vid_exports"(id));
                CREATE VIEW recent AS SELECT id, status FROM "bazaar-vid_exports";
                """);
        String target = pg13.newDatabase();
        execute(pg13, target, common + """
                CREATE TABLE "bazaar-vid_exports" (id text PRIMARY KEY, user_id text NOT NULL REFERENCES "bazaar-vid_user"(id),
                    n int GENERATED ALWAYS AS IDENTITY, status text DEFAULT 'pending' NOT NULL);
                CREATE INDEX exports_user_idx ON "bazaar-vid_exports" (user_id);
                INSERT INTO "bazaar-vid_exports" (id, user_id) VALUES ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'u1');
                CREATE TABLE analytics (id int PRIMARY KEY, export_id text REFERENCES "bazaar-vid_exports"(id));
                CREATE VIEW recent AS SELECT id, status FROM "bazaar-vid_exports";
                """);
        SchemaModel source = read(pg13, pg13.database());
        SchemaModel before = read(pg13, target);
        SchemaDifferences differences = SchemaDiff.compare(source, before);
        AlignmentPlan plan;
        try (Connection probe = pg13.server().connect(target)) {
            plan = new AlignmentPlanner(source, before, new PlanOptions(false, true, false, false), TargetProbe.live(probe)).plan(differences);
        }
        assertThat(plan.render()).contains("RENAME TO \"bazaar-vid_exports_pgcarry_old\"", "INSERT INTO \"public\".\"bazaar-vid_exports\"");
        applyPlan(pg13, target, plan);
        assertThat(SchemaDiff.compare(source, read(pg13, target)).differences())
                .allMatch(d -> d.change() == ObjectDifference.Change.EXTRA && d.id().toString().contains("_pgcarry_old"));
        assertThat(count(pg13, target, "SELECT count(*) FROM \"bazaar-vid_exports\" WHERE id = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid")).isEqualTo(1);
        execute(pg13, target, "INSERT INTO \"bazaar-vid_exports\" (id, user_id) VALUES (gen_random_uuid(), 'u1')");

        execute(pg13, target, String.join(";\n", plan.rollback().stream().filter(s -> !s.startsWith("--")).toList()));
        SchemaModel afterRollback = read(pg13, target);
        assertThat(SchemaDiff.compare(before, afterRollback).differences())
                .allMatch(d -> d.change() == ObjectDifference.Change.EXTRA && d.id().toString().contains("_pgcarry_rejected"));
    }

    /** Removes one constraint, index, view, trigger, policy and enum label from TARGET's copy of the fixture. */
    private static String dropOneOfEach(PostgresExtension pg, String database) throws Exception {
        StringBuilder sql = new StringBuilder();
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement()) {
            sql.append(first(s, "SELECT format('ALTER TABLE %I.%I DROP CONSTRAINT %I', n.nspname, r.relname, k.conname) FROM pg_constraint k "
                    + "JOIN pg_class r ON r.oid = k.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace WHERE k.contype = 'f' ORDER BY 1 LIMIT 1"));
            sql.append(first(s, "SELECT format('DROP INDEX %I.%I', schemaname, indexname) FROM pg_indexes i WHERE schemaname = 'Zoo' "
                    + "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname) ORDER BY 1 LIMIT 1"));
            sql.append(first(s, "SELECT format('DROP TRIGGER %I ON %I.%I', t.tgname, n.nspname, r.relname) FROM pg_trigger t "
                    + "JOIN pg_class r ON r.oid = t.tgrelid JOIN pg_namespace n ON n.oid = r.relnamespace WHERE NOT t.tgisinternal ORDER BY 1 LIMIT 1"));
            sql.append(first(s, "SELECT format('DROP POLICY %I ON %I.%I', policyname, schemaname, tablename) FROM pg_policies ORDER BY 1 LIMIT 1"));
            sql.append(first(s, "SELECT format('DROP VIEW %I.%I CASCADE', schemaname, viewname) FROM pg_views WHERE schemaname = 'Zoo' ORDER BY 1 DESC LIMIT 1"));
            sql.append(first(s, "SELECT format('CREATE VIEW %I.extra_view AS SELECT 1 AS one', nspname) FROM pg_namespace WHERE nspname = 'Zoo'"));
            sql.append("CREATE TYPE \"Zoo\".shift AS ENUM ('early');");
        }
        return sql.toString();
    }

    private static String first(Statement s, String query) throws Exception {
        try (ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? rs.getString(1) + ";\n" : "";
        }
    }

    static void applyPlan(PostgresExtension pg, String database, AlignmentPlan plan) throws Exception {
        List<PlannedStatement> statements = plan.active();
        boolean transaction = statements.stream().noneMatch(PlannedStatement::outsideTransaction);
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement()) {
            c.setAutoCommit(!transaction);
            s.execute(SchemaScript.SESSION_SETTINGS.get(0));
            for (PlannedStatement statement : statements) {
                s.execute(statement.sql());
            }
            if (transaction) {
                c.commit();
            }
        }
    }

    private static long count(PostgresExtension pg, String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static SchemaModel read(PostgresExtension pg, String database) throws Exception {
        try (Connection c = pg.server().connect(database)) {
            return SchemaSource.read(c, false);
        }
    }

    private static void apply(PostgresExtension pg, String database, List<ScriptStatement> statements) throws Exception {
        try (Connection c = pg.server().connect(database)) {
            c.setAutoCommit(false);
            ScriptRunner.run(c, statements);
            c.commit();
        }
    }

    private static void execute(PostgresExtension pg, String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
