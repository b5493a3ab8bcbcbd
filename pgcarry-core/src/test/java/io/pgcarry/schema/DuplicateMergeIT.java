package io.pgcarry.schema;

import static io.pgcarry.schema.SchemaTestDatabases.execute;
import static io.pgcarry.schema.SchemaTestDatabases.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.schema.PlanOptions.Drops;
import io.pgcarry.schema.TableMerge.Preference;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runbook 004's phase 3 done by the plan: the duplicate {@code api_usage_metric} is merged into
 * {@code "bazaar-vid_api_usage_metric"} (10 rows it lacks, 5 identical, 2 with the same key and other values), the
 * foreign key into the duplicate is moved, and the duplicate is dropped only once no conflict is left unsettled.
 */
class DuplicateMergeIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String CANONICAL = "\"bazaar-vid_api_usage_metric\"";
    private static final String DEV = """
            CREATE TABLE "bazaar-vid_api_usage_metric" (id int PRIMARY KEY, user_id text NOT NULL, hits integer,
                created_at timestamp DEFAULT now());
            CREATE TABLE "bazaar-vid_usage_note" (id int PRIMARY KEY, metric_id int, note text);
            """;
    private static final String PROD = DEV + """
            INSERT INTO "bazaar-vid_api_usage_metric" SELECT i, 'u' || i, i * 10, '2024-01-01' FROM generate_series(1, 20) i;
            CREATE TABLE api_usage_metric (id int PRIMARY KEY, user_id text NOT NULL, hits bigint, created_at timestamp);
            INSERT INTO api_usage_metric SELECT i, 'u' || i, i * 10, '2024-01-01' FROM generate_series(1, 5) i;
            INSERT INTO api_usage_metric VALUES (6, 'u6', 999, '2024-01-01'), (7, 'u7', 777, '2024-01-01');
            INSERT INTO api_usage_metric SELECT i, 'n' || i, i, '2024-02-01' FROM generate_series(101, 110) i;
            ALTER TABLE "bazaar-vid_usage_note" ADD CONSTRAINT note_metric_fk FOREIGN KEY (metric_id) REFERENCES api_usage_metric (id);
            INSERT INTO "bazaar-vid_usage_note" VALUES (1, 101, 'on a row only the duplicate has'), (2, 3, 'on an identical row');
            """;

    static Stream<PostgresExtension> servers() {
        return Stream.of(pg13, pg17);
    }

    @ParameterizedTest(name = "PostgreSQL {index}")
    @MethodSource("servers")
    void conflictsAreReportedByKeyAndKeepTheDuplicateWhileTheRestIsMerged(PostgresExtension pg) throws Exception {
        String target = drifted(pg);
        AlignmentPlan plan = GuardedDropsIT.plan(pg, target, options(Preference.NONE));
        assertThat(plan.render()).contains("hazard: merges rows (into public." + CANONICAL + " by id: 10 rows to insert, 5 identical, 2 conflicting;",
                "hazard: needs a person (2 conflicting rows (id 6, 7): same key, other values; left as they are in public." + CANONICAL,
                "-- DROP TABLE \"public\".\"api_usage_metric\"  -- commented out: 2 conflicting rows (id 6, 7) not merged");
        assertThat(plan.suggestions()).isEmpty();

        SchemaDiffIT.applyPlan(pg, target, plan);
        assertThat(value(pg, target, "SELECT count(*), count(*) FILTER (WHERE id > 100) FROM " + CANONICAL)).isEqualTo("30 | 10");
        assertThat(value(pg, target, "SELECT string_agg(hits::text, ', ' ORDER BY id) FROM " + CANONICAL + " WHERE id IN (5, 6, 7, 110)"))
                .isEqualTo("50, 60, 70, 110");
        assertThat(value(pg, target, "SELECT count(*) FROM api_usage_metric")).isEqualTo("17");
        assertThat(foreignKey(pg, target)).isEqualTo(CANONICAL + " | t");
    }

    @ParameterizedTest(name = "PostgreSQL {index}")
    @MethodSource("servers")
    void aPreferenceSettlesTheConflictsAndTheDuplicateIsDropped(PostgresExtension pg) throws Exception {
        execute(pg, pg.database(), DEV);
        for (Preference prefer : List.of(Preference.DUPLICATE, Preference.CANONICAL)) {
            String target = target(pg);
            AlignmentPlan plan = GuardedDropsIT.plan(pg, target, options(prefer));
            assertThat(plan.render()).contains("hazard: loses data (2 conflicting rows (id 6, 7): ",
                    "hazard: deletes data (17 rows found at plan time; guard: dropped only if still 17 rows of content hash");
            SchemaDiffIT.applyPlan(pg, target, plan);
            assertThat(value(pg, target, "SELECT to_regclass('public.api_usage_metric') IS NULL")).isEqualTo("t");
            assertThat(value(pg, target, "SELECT string_agg(hits::text, ', ' ORDER BY id) FROM " + CANONICAL + " WHERE id IN (5, 6, 7, 110)"))
                    .isEqualTo(prefer == Preference.DUPLICATE ? "50, 999, 777, 110" : "50, 60, 70, 110");
            assertThat(value(pg, target, "SELECT count(*) FROM " + CANONICAL)).isEqualTo("30");
            assertThat(foreignKey(pg, target)).isEqualTo(CANONICAL + " | t");
        }
    }

    @Test
    void rowsWrittenToTheDuplicateAfterPlanningStopTheMergeAndNothingChanges() throws Exception {
        String target = drifted(pg17);
        AlignmentPlan plan = GuardedDropsIT.plan(pg17, target, options(Preference.DUPLICATE));
        execute(pg17, target, "UPDATE api_usage_metric SET hits = 555 WHERE id = 6");
        assertThatThrownBy(() -> SchemaDiffIT.applyPlan(pg17, target, plan)).isInstanceOf(SQLException.class)
                .hasMessageContaining("the merge of table public.api_usage_metric into public." + CANONICAL + " changed since the plan: "
                        + "planned 17 rows of content hash")
                .hasMessageContaining("(10 to insert, 5 identical, 2 conflicting), found 17 of content hash");
        assertThat(value(pg17, target, "SELECT count(*) FROM " + CANONICAL)).isEqualTo("20");
        assertThat(foreignKey(pg17, target)).isEqualTo("api_usage_metric | t");
    }

    @Test
    void aPrefixedDuplicateIsSuggestedButNeverMergedUnasked() throws Exception {
        String target = drifted(pg17);
        AlignmentPlan plan = GuardedDropsIT.plan(pg17, target, new PlanOptions(false, false, Drops.DATA, false, List.of()));
        assertThat(plan.suggestions()).extracting(DuplicateSuggestion::toString)
                .containsExactly("table public.api_usage_metric: possible duplicate of public." + CANONICAL + " (10 rows not in it)");
        assertThat(plan.render()).contains("hazard: needs a person (possible duplicate of public." + CANONICAL + " (10 rows not in it): "
                + "keep its rows with merge 'public.api_usage_metric=public." + CANONICAL + "')").doesNotContain("INSERT INTO");
    }

    @Test
    void aMergeNamesOnlyATableTargetHasAndSourceLacks() throws Exception {
        String target = drifted(pg17);
        assertThatThrownBy(() -> GuardedDropsIT.plan(pg17, target, merge("nope", "bazaar-vid_api_usage_metric")))
                .isInstanceOf(ConfigurationException.class).hasMessage("merge: TARGET has no table public.nope");
        assertThatThrownBy(() -> GuardedDropsIT.plan(pg17, target, merge("bazaar-vid_usage_note", "bazaar-vid_api_usage_metric")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("merge: public.\"bazaar-vid_usage_note\" is in SOURCE too; only a table TARGET has and SOURCE lacks is merged away");
    }

    private static PlanOptions merge(String duplicate, String canonical) {
        return new PlanOptions(false, false, Drops.EMPTY, false, List.of(new TableMerge(QualifiedName.parse(duplicate, "public"),
                QualifiedName.parse(canonical, "public"), List.of(), Preference.NONE)));
    }

    private static PlanOptions options(Preference prefer) {
        return new PlanOptions(false, false, Drops.EMPTY, false,
                List.of(TableMerge.parse("api_usage_metric=bazaar-vid_api_usage_metric", List.of(), prefer)));
    }

    private static String drifted(PostgresExtension pg) throws Exception {
        execute(pg, pg.database(), DEV);
        return target(pg);
    }

    private static String target(PostgresExtension pg) throws Exception {
        String target = pg.newDatabase();
        execute(pg, target, PROD);
        return target;
    }

    /** The table note_metric_fk references, and whether it is validated. */
    private static String foreignKey(PostgresExtension pg, String database) throws Exception {
        return value(pg, database, "SELECT confrelid::regclass::text, convalidated FROM pg_constraint WHERE conname = 'note_metric_fk'");
    }
}
