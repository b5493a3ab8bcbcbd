package io.pgcarry.schema;

import static io.pgcarry.schema.SchemaTestDatabases.execute;
import static io.pgcarry.schema.SchemaTestDatabases.read;
import static io.pgcarry.schema.SchemaTestDatabases.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.schema.PlanOptions.Drops;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runbook 004's phase 4.1 ("drop if empty") done by the plan: every drop of a table or column is checked again when the
 * plan runs, in the same statement as the drop, and a table or column whose rows changed since planning is not dropped:
 * the plan stops and, in its transaction, changes nothing.
 */
class GuardedDropsIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String DEV = """
            CREATE TABLE "bazaar-vid_user" (id varchar(255) PRIMARY KEY, name text);
            """;
    private static final String PROD = """
            CREATE TABLE "bazaar-vid_user" (id varchar(255) PRIMARY KEY, "legacy-flag" text);
            INSERT INTO "bazaar-vid_user" VALUES ('u1', 'old'), ('u2', NULL), ('u3', 'older');
            CREATE TABLE "bazaar-vid_patch" (id uuid PRIMARY KEY, note text);
            CREATE TABLE "bazaar-vid_scene_plan" (id int PRIMARY KEY);
            CREATE TABLE "bazaar-vid_metric" (id int PRIMARY KEY, name text, value numeric);
            INSERT INTO "bazaar-vid_metric" SELECT i, 'm' || i, i * 1.5 FROM generate_series(1, 389) i;
            """;

    static Stream<PostgresExtension> servers() {
        return Stream.of(pg13, pg17);
    }

    @ParameterizedTest(name = "PostgreSQL {index}")
    @MethodSource("servers")
    void anEmptyTableThatReceivesARowAfterPlanningStopsThePlanAndNothingChanges(PostgresExtension pg) throws Exception {
        String target = drifted(pg);
        AlignmentPlan plan = plan(pg, target, new PlanOptions(false, false, true, false));
        assertThat(plan.render()).contains("deletes data (0 rows found at plan time; guard: dropped only if still empty when the plan runs)",
                "LOCK TABLE \"public\".\"bazaar-vid_patch\" IN ACCESS EXCLUSIVE MODE",
                "-- DROP TABLE \"public\".\"bazaar-vid_metric\"  -- commented out: it holds data: pass " + GuardedDrops.dataAllowance(),
                "hazard: deletes data (389 rows found at plan time)",
                "-- ALTER TABLE \"public\".\"bazaar-vid_user\" DROP COLUMN \"legacy-flag\"  -- commented out: it holds data");

        execute(pg, target, "INSERT INTO \"bazaar-vid_patch\" VALUES ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'written after planning')");
        assertThatThrownBy(() -> SchemaDiffIT.applyPlan(pg, target, plan)).isInstanceOf(SQLException.class)
                .hasMessageContaining("table public.\"bazaar-vid_patch\" was planned with 0 rows and now has 1: not dropped, the plan stops");
        assertThat(tables(pg, target)).isEqualTo("bazaar-vid_metric, bazaar-vid_patch, bazaar-vid_scene_plan, bazaar-vid_user");
        assertThat(value(pg, target, "SELECT count(*) FROM \"bazaar-vid_patch\"")).isEqualTo("1");
        assertThat(columns(pg, target)).isEqualTo("id, legacy-flag");

        execute(pg, target, "DELETE FROM \"bazaar-vid_patch\"");
        SchemaDiffIT.applyPlan(pg, target, plan);
        assertThat(tables(pg, target)).isEqualTo("bazaar-vid_metric, bazaar-vid_user");
        assertThat(columns(pg, target)).isEqualTo("id, legacy-flag, name");
    }

    @ParameterizedTest(name = "PostgreSQL {index}")
    @MethodSource("servers")
    void dataIsDroppedOnlyWhileItsCountAndContentHashAreThosePlanned(PostgresExtension pg) throws Exception {
        String target = drifted(pg);
        AlignmentPlan plan = plan(pg, target, new PlanOptions(false, false, Drops.DATA, false, List.of()));
        String hash = value(pg, target, GuardedDrop.table(new ObjectId(ObjectKind.TABLE, "public", "bazaar-vid_metric", null)).measure())
                .split(" \\| ")[1];
        assertThat(plan.render()).contains("deletes data (389 rows found at plan time; guard: dropped only if still 389 rows of content hash "
                        + ContentHash.shortForm(hash) + "...)",
                "deletes data (2 non-null values found at plan time; guard: dropped only if still 2 non-null values of content hash");

        // the same number of rows, one value changed
        execute(pg, target, "UPDATE \"bazaar-vid_metric\" SET value = value + 1 WHERE id = 7");
        assertThatThrownBy(() -> SchemaDiffIT.applyPlan(pg, target, plan)).isInstanceOf(SQLException.class)
                .hasMessageContaining("table public.\"bazaar-vid_metric\" changed since the plan: planned 389 rows of content hash " + hash
                        + ", found 389 of content hash ");
        assertThat(tables(pg, target)).contains("bazaar-vid_metric", "bazaar-vid_patch");
        assertThat(columns(pg, target)).isEqualTo("id, legacy-flag");

        // a value moved to another row counts as a change of the column
        execute(pg, target, "UPDATE \"bazaar-vid_metric\" SET value = value - 1 WHERE id = 7;"
                + "UPDATE \"bazaar-vid_user\" SET \"legacy-flag\" = CASE id WHEN 'u1' THEN 'older' ELSE 'old' END WHERE id IN ('u1', 'u3')");
        assertThatThrownBy(() -> SchemaDiffIT.applyPlan(pg, target, plan)).isInstanceOf(SQLException.class)
                .hasMessageContaining("column public.\"bazaar-vid_user\".\"legacy-flag\" changed since the plan: planned 2 non-null values");

        execute(pg, target, "UPDATE \"bazaar-vid_user\" SET \"legacy-flag\" = CASE id WHEN 'u1' THEN 'old' ELSE 'older' END WHERE id IN ('u1', 'u3')");
        SchemaDiffIT.applyPlan(pg, target, plan);
        assertThat(tables(pg, target)).isEqualTo("bazaar-vid_user");
        assertThat(columns(pg, target)).isEqualTo("id, name");
    }

    @Test
    void anOnlinePlanRunsEachGuardInOneStatementWithItsDrop() throws Exception {
        String target = drifted(pg17);
        execute(pg17, pg17.database(), "CREATE INDEX user_name_idx ON \"bazaar-vid_user\" (name)");
        AlignmentPlan plan = plan(pg17, target, new PlanOptions(true, false, true, false));
        assertThat(plan.active()).anyMatch(PlannedStatement::outsideTransaction);
        assertThat(plan.render()).contains("statements run one by one");

        execute(pg17, target, "INSERT INTO \"bazaar-vid_scene_plan\" VALUES (1)");
        assertThatThrownBy(() -> SchemaDiffIT.applyPlan(pg17, target, plan)).isInstanceOf(SQLException.class)
                .hasMessageContaining("table public.\"bazaar-vid_scene_plan\" was planned with 0 rows and now has 1");
        assertThat(value(pg17, target, "SELECT count(*) FROM \"bazaar-vid_scene_plan\"")).isEqualTo("1");
    }

    @Test
    void aGuardRefusesToCountUnderAnOlderSnapshot() throws Exception {
        String target = drifted(pg17);
        AlignmentPlan plan = plan(pg17, target, new PlanOptions(false, false, true, false));
        execute(pg17, target, "ALTER DATABASE " + io.pgcarry.catalog.Identifiers.quote(target) + " SET default_transaction_isolation = 'repeatable read'");
        assertThatThrownBy(() -> SchemaDiffIT.applyPlan(pg17, target, plan)).isInstanceOf(SQLException.class)
                .hasMessageContaining("needs READ COMMITTED");
        assertThat(tables(pg17, target)).contains("bazaar-vid_patch", "bazaar-vid_scene_plan");
    }

    private static String drifted(PostgresExtension pg) throws Exception {
        execute(pg, pg.database(), DEV);
        String target = pg.newDatabase();
        execute(pg, target, PROD);
        return target;
    }

    static AlignmentPlan plan(PostgresExtension pg, String target, PlanOptions options) throws Exception {
        SchemaModel source = read(pg, pg.database(), false);
        SchemaModel found = read(pg, target, false);
        try (Connection probe = pg.server().connect(target)) {
            return new AlignmentPlanner(source, found, options, TargetProbe.live(probe)).plan(SchemaDiff.compare(source, found));
        }
    }

    private static String tables(PostgresExtension pg, String database) throws Exception {
        return value(pg, database, "SELECT string_agg(relname, ', ' ORDER BY relname) FROM pg_class WHERE relkind = 'r' "
                + "AND relnamespace = 'public'::regnamespace");
    }

    private static String columns(PostgresExtension pg, String database) throws Exception {
        return value(pg, database, "SELECT string_agg(attname, ', ' ORDER BY attname) FROM pg_attribute "
                + "WHERE attrelid = '\"bazaar-vid_user\"'::regclass AND attnum > 0 AND NOT attisdropped");
    }
}
