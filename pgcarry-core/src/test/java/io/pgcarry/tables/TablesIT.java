package io.pgcarry.tables;

import static io.pgcarry.tables.Statistics.ALL;
import static io.pgcarry.tables.Statistics.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.plan.TableSelection;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code pgcarry tables} on PostgreSQL 13 and 17, read by a role that owns nothing and may read no table. */
class TablesIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    /** Runbook 004's legacy tables: one written by a trigger of another table and read by a view, one untouched. */
    private static final String RUNBOOK = """
            CREATE TABLE public."bazaar-vid_exports" (id serial PRIMARY KEY, kind text NOT NULL);
            CREATE TABLE public."bazaar-vid_metric" (id serial PRIMARY KEY, export_id int NOT NULL, name text);
            CREATE TABLE public."bazaar-vid_agent_message" (id int PRIMARY KEY, body text);
            CREATE VIEW public.metric_summary AS SELECT name, count(*) AS n FROM public."bazaar-vid_metric" GROUP BY name;
            CREATE FUNCTION public.record_metric() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO public."bazaar-vid_metric" (export_id, name) VALUES (NEW.id, NEW.kind);
                RETURN NEW;
            END $$;
            CREATE TRIGGER exports_metric AFTER INSERT ON public."bazaar-vid_exports"
                FOR EACH ROW EXECUTE FUNCTION public.record_metric();
            CREATE TABLE public.events (id int, at date NOT NULL) PARTITION BY RANGE (at);
            CREATE TABLE public.events_2024 PARTITION OF public.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE public.events_2025 PARTITION OF public.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            """;
    private static final String ACTIVITY = """
            INSERT INTO public."bazaar-vid_exports" (kind) VALUES ('mp4'), ('gif'), ('webm');
            SELECT * FROM public.metric_summary;
            INSERT INTO public.events VALUES (1, '2024-05-01'), (2, '2025-05-01');
            """;

    @BeforeAll
    static void auditor() {
        Statistics.createAuditor(pg13);
        Statistics.createAuditor(pg17);
    }

    @Test
    void aTableReadByAViewAndWrittenByATriggerIsInUseAndTheUntouchedOneIsUnusedAndFirst() throws SQLException {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Statistics.runCounted(pg, RUNBOOK);
            Statistics.reset(pg);
            TablesReport quiet = Statistics.read(pg, ALL, null, false);
            assertThat(table(quiet, "bazaar-vid_metric").verdict()).as("used by a view and a function, not yet touched")
                    .isEqualTo(Verdict.REFERENCED);
            assertThat(table(quiet, "bazaar-vid_agent_message").verdict()).isEqualTo(Verdict.UNUSED);

            Statistics.runCounted(pg, ACTIVITY);
            TablesReport report = Statistics.await(pg, ALL, r -> table(r, "bazaar-vid_metric").activity().inserted() == 3
                    && table(r, "events").activity().inserted() == 2, "the activity");
            assertThat(report.statsReset()).isNotNull();
            assertThat(report.user()).isEqualTo(Statistics.AUDITOR);
            assertThat(report.tables().get(0).table()).isEqualTo("public.\"bazaar-vid_agent_message\"");
            assertThat(report.tables().get(0).verdict()).isEqualTo(Verdict.UNUSED);
            assertThat(report.tables().get(0).reasons()).containsExactly("no writes and no scans since the statistics reset; "
                    + "no foreign key from another table; no view, rule, trigger, function or policy uses it");

            TableUsage metric = table(report, "bazaar-vid_metric");
            assertThat(metric.verdict()).isEqualTo(Verdict.WRITTEN);
            assertThat(metric.reasons()).contains(
                    "written: 3 rows inserted, 0 updated, 0 deleted since the statistics reset",
                    "used by view public.metric_summary (pg_depend)",
                    "mentioned in the body of function public.record_metric(), called by trigger exports_metric on "
                            + "public.\"bazaar-vid_exports\" (weaker evidence: its name occurs in the text)");
            assertThat(metric.reasons()).anyMatch(r -> r.startsWith("read: 1 sequential scan, 0 index scans since the statistics reset"));
            // the time of the last scan is kept from PostgreSQL 16 on
            assertThat(metric.activity().lastScan() != null).isEqualTo(pg.server().version().major() >= 16);
            assertThat(metric.dependents()).extracting(Dependent::evidence)
                    .containsExactly(Dependent.Evidence.CATALOG, Dependent.Evidence.FUNCTION_BODY);

            TableUsage exports = table(report, "bazaar-vid_exports");
            assertThat(exports.verdict()).isEqualTo(Verdict.WRITTEN);
            assertThat(exports.triggers()).containsExactly("exports_metric");
            TableUsage events = table(report, "events");
            assertThat(events.partitioned()).isTrue();
            assertThat(events.partitions()).isEqualTo(2);
            assertThat(events.verdict()).isEqualTo(Verdict.WRITTEN);
            assertThat(report.tables()).extracting(TableUsage::name).doesNotContain("events_2024", "events_2025");
            assertThat(report.tables().get(report.tables().size() - 1).verdict()).isEqualTo(Verdict.WRITTEN);
        }
    }

    @Test
    void aForeignKeyOrAPolicyOfAnotherTableMakesATableReferenced() throws SQLException {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Statistics.runCounted(pg, """
                    CREATE TABLE public."bazaar-vid_project" (id int PRIMARY KEY);
                    CREATE TABLE public."bazaar-vid_project_memory" (id int PRIMARY KEY,
                        project_id int REFERENCES public."bazaar-vid_project",
                        parent_id int REFERENCES public."bazaar-vid_project_memory");
                    CREATE TABLE public.acl (user_name text PRIMARY KEY);
                    CREATE TABLE public.notes (id int PRIMARY KEY, owner text);
                    ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;
                    CREATE POLICY notes_owner ON public.notes USING (owner IN (SELECT user_name FROM public.acl));
                    """);
            Statistics.reset(pg);
            TablesReport report = Statistics.read(pg, ALL, null, false);

            TableUsage project = table(report, "bazaar-vid_project");
            assertThat(project.verdict()).isEqualTo(Verdict.REFERENCED);
            assertThat(project.reasons()).containsExactly("referenced by foreign key "
                    + "public.\"bazaar-vid_project_memory\".\"bazaar-vid_project_memory_project_id_fkey\"");
            TableUsage memory = table(report, "bazaar-vid_project_memory");
            assertThat(memory.verdict()).as("a foreign key to itself keeps nothing alive").isEqualTo(Verdict.UNUSED);
            assertThat(memory.foreignKeysIn()).extracting(ForeignKeyLink::selfReference).containsExactly(true);
            assertThat(memory.foreignKeysOut()).extracting(ForeignKeyLink::to).containsExactly("public.\"bazaar-vid_project\"");
            TableUsage acl = table(report, "acl");
            assertThat(acl.verdict()).isEqualTo(Verdict.REFERENCED);
            assertThat(acl.reasons()).containsExactly("used by policy notes_owner on public.notes (pg_depend)");
            TableUsage notes = table(report, "notes");
            assertThat(notes.verdict()).isEqualTo(Verdict.UNUSED);
            assertThat(notes.policies()).containsExactly("notes_owner (ALL)");
            assertThat(report.tables()).extracting(TableUsage::verdict)
                    .containsExactly(Verdict.UNUSED, Verdict.UNUSED, Verdict.REFERENCED, Verdict.REFERENCED);
        }
    }

    @Test
    void tablesSourceLacksComeFirstAndExactCountsNeedTheRightToRead() throws SQLException {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            String source = pg.newDatabase();
            try (Connection c = pg.server().connect(source); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE public.\"bazaar-vid_exports\" (id int PRIMARY KEY)");
            }
            Statistics.runCounted(pg, """
                    CREATE TABLE public."bazaar-vid_exports" (id int PRIMARY KEY);
                    -- never analyzed, so its rows come from n_live_tup
                    CREATE TABLE public."bazaar-vid_metric" (id int PRIMARY KEY) WITH (autovacuum_enabled = false);
                    CREATE TABLE public."bazaar-vid_agent_message" (id int PRIMARY KEY);
                    INSERT INTO public."bazaar-vid_metric" SELECT generate_series(1, 389);
                    INSERT INTO public."bazaar-vid_agent_message" VALUES (1), (2), (3);
                    GRANT SELECT ON public."bazaar-vid_metric", public."bazaar-vid_exports" TO auditor;
                    """);
            Statistics.reset(pg);
            TablesReport report = Statistics.read(pg, ALL, source, false);
            assertThat(report.tables()).extracting(TableUsage::name)
                    .containsExactly("bazaar-vid_agent_message", "bazaar-vid_metric", "bazaar-vid_exports");
            assertThat(report.tables()).extracting(TableUsage::inSource).containsExactly(false, false, true);
            assertThat(table(report, "bazaar-vid_metric").rowSource()).isEqualTo(RowSource.LIVE_TUPLES);

            TablesReport exact = Statistics.read(pg, new TableSelection(List.of("bazaar-vid_*"), List.of()), null, true);
            assertThat(exact.tables()).extracting(TableUsage::inSource).containsOnlyNulls();
            assertThat(table(exact, "bazaar-vid_metric").rows()).isEqualTo(389);
            assertThat(table(exact, "bazaar-vid_metric").rowSource()).isEqualTo(RowSource.EXACT);
            assertThat(table(exact, "bazaar-vid_agent_message").rowSource()).isNotEqualTo(RowSource.EXACT);
            assertThat(exact.notes()).containsExactly("no SELECT privilege on public.\"bazaar-vid_agent_message\": "
                    + "their rows are estimates, not counts");
        }
    }
}
