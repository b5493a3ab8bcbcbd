package io.pgcarry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgcarry.embedded.junit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code schema dump}, {@code diff} and {@code clone} as a user runs them, on runbook 004's drift. */
class SchemaCommandsIT {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.major(17);

    @TempDir
    Path dir;

    private static final String DEV = """
            CREATE TABLE "bazaar-vid_user" (id varchar(255) PRIMARY KEY);
            CREATE TABLE "bazaar-vid_exports" (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), user_id varchar(255) NOT NULL
                REFERENCES "bazaar-vid_user"(id) ON DELETE CASCADE, status text DEFAULT 'pending' NOT NULL);
            CREATE INDEX exports_user_idx ON "bazaar-vid_exports" (user_id);
            """;
    private static final String PROD = """
            CREATE TABLE "bazaar-vid_user" (id varchar(255) PRIMARY KEY);
            CREATE TABLE "bazaar-vid_exports" (id text PRIMARY KEY, user_id text NOT NULL, status text DEFAULT 'pending' NOT NULL);
            INSERT INTO "bazaar-vid_user" VALUES ('u1');
            INSERT INTO "bazaar-vid_exports" VALUES ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'u1'), ('legacy-7', 'u1');
            CREATE TABLE api_usage_metric (id int PRIMARY KEY);
            INSERT INTO api_usage_metric VALUES (1), (2), (3);
            """;

    @Test
    void dumpDiffAndPlanOnRunbook004sDrift() throws Exception {
        String dev = pg.database();
        String prod = pg.newDatabase();
        execute(dev, DEV);
        execute(prod, PROD);

        CliRun dump = CliRun.of("schema", "dump", pg.server().url(dev));
        assertThat(dump.exitCode()).as(dump.err()).isZero();
        assertThat(dump.out()).contains("CREATE TABLE \"public\".\"bazaar-vid_exports\"", "-- post-data",
                "CREATE INDEX exports_user_idx ON public.\"bazaar-vid_exports\"");
        CliRun pre = CliRun.of("schema", "dump", pg.server().url(dev), "--section", "pre-data");
        assertThat(pre.out()).contains("CREATE TABLE").doesNotContain("CREATE INDEX");

        Path snapshot = dir.resolve("dev.json");
        CliRun json = CliRun.of("schema", "dump", pg.server().url(dev), "--format", "json");
        Files.writeString(snapshot, json.out());
        assertThat(new ObjectMapper().readTree(json.out()).get("objects").size()).isGreaterThan(5);

        CliRun same = CliRun.of("diff", snapshot.toString(), pg.server().url(dev));
        assertThat(same.exitCode()).as(same.out() + same.err()).isZero();
        assertThat(same.out()).contains("no differences");

        CliRun drift = CliRun.of("diff", snapshot.toString(), pg.server().url(prod));
        assertThat(drift.exitCode()).isEqualTo(1);
        assertThat(drift.out()).contains("only in TARGET (", "table public.api_usage_metric", "changed (",
                "column public.\"bazaar-vid_exports\".id", "type: uuid (SOURCE) vs text (TARGET)",
                "missing in TARGET (", "index public.exports_user_idx");

        CliRun plan = CliRun.of("diff", snapshot.toString(), pg.server().url(prod), "--sql");
        assertThat(plan.exitCode()).isEqualTo(1);
        assertThat(plan.out()).contains("USING \"id\"::uuid", "may fail on existing data (1 row: values do not convert to uuid)",
                "-- DROP TABLE \"public\".\"api_usage_metric\"", "deletes data (3 rows found at plan time)",
                "NOT VALID", "VALIDATE CONSTRAINT");

        Path rollback = dir.resolve("rollback.sql");
        CliRun rebuild = CliRun.of("diff", pg.server().url(dev), pg.server().url(prod), "--sql", "--rebuild", "--rollback-sql", rollback.toString());
        assertThat(rebuild.out()).contains("RENAME TO \"bazaar-vid_exports_pgcarry_old\"");
        assertThat(Files.readString(rollback)).contains("RENAME TO \"bazaar-vid_exports_pgcarry_rejected\"");
    }

    @Test
    void badArgumentsGetOneLineAndExitCode2() {
        CliRun format = CliRun.of("schema", "dump", pg.url(), "--format", "xml");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err().strip()).isEqualTo("error: unknown --format 'xml'; use sql or json");

        CliRun notAUrl = CliRun.of("diff", "prod", pg.url());
        assertThat(notAUrl.exitCode()).isEqualTo(2);
        assertThat(notAUrl.err()).contains("a database argument is neither a postgresql:// URL, keyword=value pairs (host=... dbname=...) nor a $VARIABLE");

        CliRun missing = CliRun.of("diff", dir.resolve("nope.json").toString(), pg.url());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.json does not exist");

        CliRun flags = CliRun.of("diff", pg.url(), pg.url(), "--rebuild");
        assertThat(flags.exitCode()).isEqualTo(2);
        assertThat(flags.err()).contains("add --sql");

        CliRun lossy = CliRun.of("diff", pg.url(), pg.url(), "--allow-lossy");
        assertThat(lossy.exitCode()).isEqualTo(2);
        assertThat(lossy.err()).contains("--allow-lossy shape the plan: add --sql");
    }

    @Test
    void aNarrowingPlanFailsOnValuesItWouldTruncateUnlessAllowLossy() throws Exception {
        String dev = pg.database();
        String prod = pg.newDatabase();
        execute(dev, "CREATE TABLE users (id int PRIMARY KEY, email varchar(10))");
        execute(prod, "CREATE TABLE users (id int PRIMARY KEY, email varchar(60)); INSERT INTO users VALUES (1, 'p1@ex.org'), (100, 'p100@ex.org')");

        CliRun refused = CliRun.of("diff", pg.server().url(dev), pg.server().url(prod), "--sql");
        assertThat(refused.out()).contains("may fail on existing data (1 row: values of email would be truncated by the cast to "
                + "character varying(10) (id 100); the \"email_lossless_pgcarry\" check refuses them");
        assertThatThrownBy(() -> execute(prod, refused.out())).isInstanceOf(SQLException.class).hasMessageContaining("email_lossless_pgcarry");
        assertThat(count(prod, "SELECT count(*) FROM users WHERE email = 'p100@ex.org'")).isEqualTo(1);

        CliRun allowed = CliRun.of("diff", pg.server().url(dev), pg.server().url(prod), "--sql", "--allow-lossy");
        assertThat(allowed.out()).contains("loses data (1 row: values of email will be truncated by the cast to character varying(10) "
                + "(id 100); allowed by --allow-lossy)").doesNotContain("email_lossless_pgcarry");
        execute(prod, allowed.out());
        assertThat(count(prod, "SELECT count(*) FROM users WHERE email = 'p100@ex.or'")).isEqualTo(1);
    }

    private static final String METRICS = """
            CREATE TABLE "bazaar-vid_user" (id varchar(255) PRIMARY KEY);
            CREATE TABLE "bazaar-vid_api_usage_metric" (id int PRIMARY KEY, user_id text, hits int);
            """;
    private static final String METRICS_PROD = METRICS + """
            INSERT INTO "bazaar-vid_api_usage_metric" VALUES (1, 'u1', 10), (2, 'u2', 20);
            CREATE TABLE api_usage_metric (id int PRIMARY KEY, user_id text, hits bigint);
            INSERT INTO api_usage_metric VALUES (1, 'u1', 10), (2, 'u2', 25), (3, 'u3', 30), (4, 'u4', 40);
            CREATE TABLE "bazaar-vid_patch" (id int PRIMARY KEY);
            """;

    @Test
    void diffSuggestsTheDuplicateAndTheMergePlanMergesItAndDropsUnderGuards() throws Exception {
        String dev = pg.database();
        String prod = pg.newDatabase();
        execute(dev, METRICS);
        execute(prod, METRICS_PROD);
        String suggestion = "table public.api_usage_metric: possible duplicate of public.\"bazaar-vid_api_usage_metric\" (2 rows not in it)";

        CliRun drift = CliRun.of("diff", pg.server().url(dev), pg.server().url(prod));
        assertThat(drift.exitCode()).isEqualTo(1);
        assertThat(drift.out()).contains(suggestion + "; merge it with --merge 'public.api_usage_metric=public.\"bazaar-vid_api_usage_metric\"' --sql");
        CliRun json = CliRun.of("--json", "diff", pg.server().url(dev), pg.server().url(prod));
        assertThat(new ObjectMapper().readTree(json.out()).path("suggestions").get(0).path("rowsNotInIt").asLong()).isEqualTo(2);

        // a bare --allow-drops does not take the SOURCE that follows it for its value
        CliRun guarded = CliRun.of("diff", "--sql", "--allow-drops", pg.server().url(dev), pg.server().url(prod));
        assertThat(guarded.out()).contains("needs a person (" + suggestion.substring(suggestion.indexOf("possible")) + ": keep its rows with --merge",
                "-- DROP TABLE \"public\".\"api_usage_metric\"  -- commented out: it holds data: pass --allow-drops=data to drop it under a guard",
                "LOCK TABLE \"public\".\"bazaar-vid_patch\" IN ACCESS EXCLUSIVE MODE");

        CliRun conflicts = CliRun.of("diff", pg.server().url(dev), pg.server().url(prod), "--sql", "--merge", "api_usage_metric=bazaar-vid_api_usage_metric");
        assertThat(conflicts.out()).contains("by id: 2 rows to insert, 1 identical, 1 conflicting", "1 conflicting row (id 2)",
                "commented out: 1 conflicting row (id 2) not merged: resolve them or plan with --merge-prefer duplicate|canonical");

        CliRun merge = CliRun.of("diff", pg.server().url(dev), pg.server().url(prod), "--sql", "--allow-drops",
                "--merge", "api_usage_metric=\"bazaar-vid_api_usage_metric\"", "--merge-prefer", "duplicate");
        assertThat(merge.exitCode()).as(merge.err()).isEqualTo(1);
        execute(prod, merge.out());
        assertThat(count(prod, "SELECT count(*) FROM \"bazaar-vid_api_usage_metric\"")).isEqualTo(4);
        assertThat(count(prod, "SELECT hits FROM \"bazaar-vid_api_usage_metric\" WHERE id = 2")).isEqualTo(25);
        assertThat(count(prod, "SELECT count(*) FROM pg_class WHERE relname IN ('api_usage_metric', 'bazaar-vid_patch')")).isZero();
    }

    @Test
    void mergeArgumentsGetOneLineErrors() throws Exception {
        String dev = pg.database();
        String prod = pg.newDatabase();
        execute(dev, METRICS);
        execute(prod, METRICS_PROD);
        assertError("error: --merge 'nonsense' is not DUPLICATE=CANONICAL (for example api_usage_metric=bazaar-vid_api_usage_metric)",
                "diff", pg.server().url(dev), pg.server().url(prod), "--sql", "--merge", "nonsense");
        assertError("error: --merge: TARGET has no table public.nope",
                "diff", pg.server().url(dev), pg.server().url(prod), "--sql", "--merge", "nope=bazaar-vid_api_usage_metric");
        assertError("error: --merge: public.\"bazaar-vid_user\" is in SOURCE too; only a table TARGET has and SOURCE lacks is merged away",
                "diff", pg.server().url(dev), pg.server().url(prod), "--sql", "--merge", "bazaar-vid_user=bazaar-vid_api_usage_metric");
        assertError("error: --merge-key: column hits_total is not in both public.api_usage_metric and public.\"bazaar-vid_api_usage_metric\"",
                "diff", pg.server().url(dev), pg.server().url(prod), "--sql", "--merge", "api_usage_metric=bazaar-vid_api_usage_metric",
                "--merge-key", "hits_total");
        assertError("error: --merge-key (user_id) is no primary key or unique constraint of public.\"bazaar-vid_api_usage_metric\": a row could match several",
                "diff", pg.server().url(dev), pg.server().url(prod), "--sql", "--merge", "api_usage_metric=bazaar-vid_api_usage_metric",
                "--merge-key", "user_id");
        assertError("error: --merge-key and --merge-prefer go with --merge", "diff", pg.url(), pg.url(), "--sql", "--merge-prefer", "canonical");
        assertError("error: --merge shapes the plan: add --sql", "diff", pg.url(), pg.url(), "--merge", "a=b");
    }

    private static void assertError(String message, String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo(message);
    }

    @Test
    void cloneCopiesSchemaAndRowsIntoAnEmptyDatabaseAndRefusesAFullOne() throws Exception {
        String source = pg.database();
        execute(source, DEV + "INSERT INTO \"bazaar-vid_user\" SELECT 'u' || i FROM generate_series(1, 500) i;"
                + "INSERT INTO \"bazaar-vid_exports\" (user_id) SELECT 'u' || (1 + i % 500) FROM generate_series(1, 2000) i;");
        String target = pg.newDatabase();

        CliRun clone = CliRun.of("clone", "--from", pg.server().url(source), "--to", pg.server().url(target), "--jobs", "2");
        assertThat(clone.exitCode()).as(clone.err()).isZero();
        assertThat(clone.out()).contains("created the schema", "validation (full): PASS", "schema: PASS", "clone finished");
        assertThat(count(target, "SELECT count(*) FROM \"bazaar-vid_exports\"")).isEqualTo(2000);
        assertThat(CliRun.of("diff", pg.server().url(source), pg.server().url(target)).exitCode()).isZero();

        CliRun again = CliRun.of("clone", "--from", pg.server().url(source), "--to", pg.server().url(target));
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("not empty");
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
