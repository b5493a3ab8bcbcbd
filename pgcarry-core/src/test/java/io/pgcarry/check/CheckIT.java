package io.pgcarry.check;

import io.pgcarry.report.ProblemCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.connect.ConnectionResolver;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.EndpointSource;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.embedded.EmbeddedPostgres;
import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.move.Move;
import io.pgcarry.move.MoveRequest;
import io.pgcarry.plan.MappingFile;
import io.pgcarry.plan.TableSelection;
import io.pgcarry.report.Problem;
import io.pgcarry.verify.ValidationLevel;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every problem the check must find, all in one run, and a move that then writes nothing. */
class CheckIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String SOURCE = """
            CREATE TYPE "Status" AS ENUM ('ACTIVE', 'PAUSED', 'RETIRED');
            CREATE TABLE "Party" (id int PRIMARY KEY, name text);
            CREATE TABLE "Animal" (id int PRIMARY KEY, status "Status", "partyId" int, nickname text, code text,
                                   history "Status"[]);
            CREATE TABLE legacy (id int PRIMARY KEY);
            CREATE TABLE _prisma_migrations (id varchar(36) PRIMARY KEY);
            CREATE TABLE filled (id int PRIMARY KEY);
            CREATE TABLE secret (id int PRIMARY KEY);
            INSERT INTO "Party" SELECT i, CASE WHEN i % 10 = 0 THEN NULL ELSE 'party ' || i END FROM generate_series(1, 50) i;
            INSERT INTO "Animal" SELECT i, (ARRAY['ACTIVE','PAUSED','RETIRED']::"Status"[])[1 + i % 3], i + 45,
                   'nick' || i, CASE WHEN i <= 2 THEN 'a-very-long-code' ELSE 'ok' END,
                   CASE WHEN i = 4 THEN ARRAY['ACTIVE', 'RETIRED']::"Status"[] ELSE ARRAY['PAUSED']::"Status"[] END
              FROM generate_series(1, 30) i;
            INSERT INTO legacy VALUES (1);
            INSERT INTO _prisma_migrations VALUES ('m1');
            INSERT INTO filled VALUES (1);
            INSERT INTO secret VALUES (1);
            """;
    private static final String TARGET = """
            CREATE TYPE "Status" AS ENUM ('ACTIVE', 'PAUSED');
            CREATE TABLE "Party" (id int PRIMARY KEY, name text NOT NULL);
            CREATE TABLE "Animal" (id int PRIMARY KEY, status "Status", "partyId" int REFERENCES "Party", "callName" text,
                                   code varchar(5), "createdBy" text NOT NULL, history "Status"[]);
            CREATE TABLE _prisma_migrations (id varchar(36) PRIMARY KEY);
            CREATE TABLE filled (id int PRIMARY KEY);
            CREATE TABLE secret (id int PRIMARY KEY);
            INSERT INTO filled VALUES (7), (8);
            INSERT INTO _prisma_migrations VALUES ('v2-own-history');
            """;

    @Test
    void listsEveryProblemAtOnceWithRowsAndSampleKeys() throws Exception {
        prepare();
        CheckReport report = new Check(new Connector()).run(spec(pg13.url()), spec(appUrl()), options("tables: {Animal: {columns: {nickname: callName}}}"));

        assertThat(report.passed()).isFalse();
        assertThat(codes(report)).contains(ProblemCode.ENUM_VALUE_MISSING, ProblemCode.FK_ORPHAN, ProblemCode.NULL_INTO_NOT_NULL, ProblemCode.VALUE_TOO_LONG,
                ProblemCode.TARGET_NOT_EMPTY, ProblemCode.TABLE_MISSING, ProblemCode.NO_INSERT, ProblemCode.NOT_NULL_NO_SOURCE);
        Problem enumProblem = find(report, ProblemCode.ENUM_VALUE_MISSING);
        assertThat(enumProblem.object()).isEqualTo("public.\"Animal\".status");
        assertThat(enumProblem.affectedRows()).isEqualTo(10);
        assertThat(enumProblem.message()).contains("RETIRED (10 rows)");
        assertThat(enumProblem.samples()).hasSize(10).contains("id=2", "id=5");

        assertThat(report.problems()).anySatisfy(p -> {
            assertThat(p.object()).isEqualTo("public.\"Animal\".history");
            assertThat(p.code()).isEqualTo(ProblemCode.ENUM_VALUE_MISSING);
            assertThat(p.samples()).containsExactly("id=4");
        });

        Problem orphan = find(report, ProblemCode.FK_ORPHAN);
        assertThat(orphan.object()).isEqualTo("public.\"Animal\".\"Animal_partyId_fkey\"");
        assertThat(orphan.affectedRows()).isEqualTo(25);
        assertThat(orphan.samples()).hasSize(10).contains("id=6", "id=15");

        Problem nulls = find(report, ProblemCode.NULL_INTO_NOT_NULL);
        assertThat(nulls.object()).isEqualTo("public.\"Party\".name");
        assertThat(nulls.affectedRows()).isEqualTo(5);
        assertThat(nulls.samples()).containsExactly("id=10", "id=20", "id=30", "id=40", "id=50");

        Problem tooLong = find(report, ProblemCode.VALUE_TOO_LONG);
        assertThat(tooLong.object()).isEqualTo("public.\"Animal\".code");
        assertThat(tooLong.affectedRows()).isEqualTo(2);
        assertThat(tooLong.message()).contains("longer than 5 characters");

        assertThat(find(report, ProblemCode.TARGET_NOT_EMPTY).object()).isEqualTo("public.filled");
        assertThat(find(report, ProblemCode.TARGET_NOT_EMPTY).message()).contains("holds 2 rows");
        assertThat(find(report, ProblemCode.TABLE_MISSING).object()).isEqualTo("public.legacy");
        assertThat(find(report, ProblemCode.NO_INSERT).object()).isEqualTo("public.secret");
        assertThat(find(report, ProblemCode.NOT_OWNER).object()).as("its primary key would be set aside").isEqualTo("public.secret");
        assertThat(find(report, ProblemCode.NOT_NULL_NO_SOURCE).object()).isEqualTo("public.\"Animal\".\"createdBy\"");
        assertThat(report.problems()).anySatisfy(p -> assertThat(p.message()).contains("migration history table"));
        assertThat(report.problems()).noneMatch(p -> p.code() == ProblemCode.COLUMN_DROPPED);
    }

    @Test
    void orphansNameTheMissingReferencedValuesMostFrequentFirstAndTheCheckCreatesNoJournal() throws Exception {
        String tables = """
                CREATE TABLE "Party" (id int PRIMARY KEY);
                CREATE TABLE site (region text, code int, PRIMARY KEY (region, code));
                CREATE TABLE "Pet" (id int PRIMARY KEY, "ownerId" int %s, region text, code int, "vetId" int %s);
                """;
        execute(pg13, pg13.database(), tables.formatted("", "") + """
                INSERT INTO "Party" SELECT generate_series(1, 10);
                INSERT INTO site VALUES ('eu', 1), ('us', 1);
                INSERT INTO "Pet" SELECT i, CASE WHEN i <= 20 THEN 9999 WHEN i <= 23 THEN 777 ELSE 1 + i % 10 END,
                       CASE WHEN i <= 5 THEN 'eu' ELSE 'us' END, CASE WHEN i IN (50, 100) THEN 2 WHEN i = 3 THEN 3 ELSE 1 END,
                       CASE WHEN i = 7 THEN 404 ELSE 1 END
                  FROM generate_series(1, 100) i;
                """);
        execute(pg17, pg17.database(), tables.formatted("REFERENCES \"Party\"", ", FOREIGN KEY (region, code) REFERENCES site"));

        CheckReport report = new Check(new Connector()).run(spec(pg13.url()), spec(pg17.url()),
                options("references:\n  - {from: Pet.vetId, to: Party.id}"));

        assertThat(report.problems()).filteredOn(p -> p.code() == ProblemCode.FK_ORPHAN).hasSize(3);
        Problem owner = report.problems().stream().filter(p -> p.object().equals("public.\"Pet\".\"Pet_ownerId_fkey\"")).findFirst().orElseThrow();
        assertThat(owner.isError()).isTrue();
        assertThat(owner.affectedRows()).isEqualTo(23);
        assertThat(owner.missing()).extracting(Object::toString).containsExactly(
                "\"ownerId\"=9999 missing from public.\"Party\".id (20 rows)", "\"ownerId\"=777 missing from public.\"Party\".id (3 rows)");
        Problem site = report.problems().stream().filter(p -> p.object().equals("public.\"Pet\".\"Pet_region_code_fkey\"")).findFirst().orElseThrow();
        assertThat(site.missing()).extracting(Object::toString).containsExactly(
                "(region, code)=(us, 2) missing from public.site (region, code) (2 rows)",
                "(region, code)=(eu, 3) missing from public.site (region, code) (1 row)");
        Problem vet = report.problems().stream().filter(p -> p.object().contains("vetId")).findFirst().orElseThrow();
        assertThat(vet.code()).isEqualTo(ProblemCode.FK_ORPHAN);
        assertThat(vet.isError()).as("a mapping reference binds nothing in the target: the validation reports it").isFalse();
        assertThat(vet.missing()).singleElement().satisfies(m -> {
            assertThat(m.value()).isEqualTo("404");
            assertThat(m.rows()).isEqualTo(1);
        });
        assertThat(query("SELECT count(*) FROM pg_namespace WHERE nspname = 'pgcarry'")).as("check writes no journal").isEqualTo("0");
    }

    @Test
    void nullsThatATargetKeyCountsAsEqualAreDuplicates() throws Exception {
        execute(pg13, pg13.database(), """
                CREATE TABLE tag (id int PRIMARY KEY, label text UNIQUE, code text);
                INSERT INTO tag VALUES (1, NULL, NULL), (2, NULL, 'b'), (3, 'c', NULL), (4, 'd', 'd');
                """);
        execute(pg17, pg17.database(), """
                CREATE TABLE tag (id int PRIMARY KEY, label text UNIQUE NULLS NOT DISTINCT, code text UNIQUE);
                """);
        CheckReport report = new Check(new Connector()).run(spec(pg13.url()), spec(pg17.url()), options(""));

        assertThat(report.problems()).filteredOn(p -> p.code() == ProblemCode.DUPLICATE_KEY).singleElement().satisfies(p -> {
            assertThat(p.object()).isEqualTo("public.tag.tag_label_key");
            assertThat(p.affectedRows()).isEqualTo(2);
            assertThat(p.samples()).containsExactly("NULL (2 rows)");
        });
    }

    @Test
    void moveWithProblemsWritesNothing() throws Exception {
        prepare();
        MoveRequest request = new MoveRequest(spec(pg13.url()), spec(appUrl()), options(""), 2, 1000, ValidationLevel.HASH);
        assertThatThrownBy(() -> new Move(new Connector()).run(request, CopyProgress.NONE))
                .isInstanceOf(ChecksFailedException.class)
                .satisfies(e -> assertThat(((ChecksFailedException) e).report().errors()).isGreaterThanOrEqualTo(8));
        assertThat(query("SELECT count(*) FROM \"Party\"")).isEqualTo("0");
        assertThat(query("SELECT to_regnamespace('pgcarry') IS NULL")).as("no journal written").isEqualTo("t");
        assertThat(query("SELECT count(*) FROM pg_constraint WHERE conname = 'Animal_partyId_fkey'")).isEqualTo("1");
    }

    @Test
    void cleanPairPassesAndExclusionsAndMappingsAreHonoured() throws Exception {
        prepare();
        String mapping = """
                exclude: [legacy, filled, secret]
                tables:
                  Animal:
                    columns: {nickname: callName}
                    exclude_columns: [code]
                    values: {"createdBy": "'v1 import'"}
                """;
        try (Connection c = pg13.server().connect(pg13.database()); Statement s = c.createStatement()) {
            s.execute("UPDATE \"Party\" SET name = 'unnamed' WHERE name IS NULL");
            s.execute("UPDATE \"Animal\" SET status = 'PAUSED' WHERE status = 'RETIRED'");
            s.execute("UPDATE \"Animal\" SET history = NULL WHERE id = 4");
            s.execute("INSERT INTO \"Party\" SELECT i, 'p' || i FROM generate_series(51, 80) i");
        }
        CheckReport report = new Check(new Connector()).run(spec(pg13.url()), spec(appUrl()), options(mapping));
        assertThat(report.problems().stream().filter(Problem::isError)).isEmpty();
        assertThat(report.tables()).isEqualTo(2);
        assertThat(codes(report)).contains(ProblemCode.TABLE_EXCLUDED, ProblemCode.COLUMN_EXCLUDED);
    }

    @Test
    void rowLevelSecurityOnEitherSideIsReportedAndTheOtherChecksStillRun() throws Exception {
        prepare();
        String reader = "reader_" + pg13.database();
        execute(pg13, pg13.database(), "SET password_encryption = 'scram-sha-256'; CREATE ROLE " + reader + " LOGIN PASSWORD 'reader-pass' IN ROLE " + EmbeddedPostgres.PASSWORD_ROLE + ";"
                + "GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + reader + ";"
                + "ALTER TABLE \"Party\" ENABLE ROW LEVEL SECURITY;"
                + "CREATE POLICY few ON \"Party\" USING (id <= 10);");
        execute(pg17, pg17.database(), "ALTER TABLE \"Animal\" ENABLE ROW LEVEL SECURITY;"
                + "ALTER TABLE \"Animal\" FORCE ROW LEVEL SECURITY;"
                + "CREATE POLICY mine ON \"Animal\" USING (true);");
        String source = pg13.server().url(reader, "reader-pass", pg13.database());

        CheckReport report = new Check(new Connector()).run(spec(source), spec(appUrl()), options("tables: {Animal: {columns: {nickname: callName}}}"));

        assertThat(report.problems()).filteredOn(p -> p.code() == ProblemCode.ROW_SECURITY).extracting(Problem::object)
                .containsExactlyInAnyOrder("public.\"Party\"", "public.\"Animal\"");
        assertThat(find(report, ProblemCode.ROW_SECURITY).message()).contains("BYPASSRLS");
        assertThat(codes(report)).as("the readable tables are still checked").contains(ProblemCode.ENUM_VALUE_MISSING, ProblemCode.VALUE_TOO_LONG, ProblemCode.TABLE_MISSING);
        assertThat(codes(report)).as("Party's rows are not visible, so their NULLs cannot be counted").doesNotContain(ProblemCode.NULL_INTO_NOT_NULL);
    }

    private void prepare() throws Exception {
        execute(pg13, pg13.database(), SOURCE);
        execute(pg17, pg17.database(), TARGET);
        execute(pg17, pg17.database(), "CREATE ROLE app_" + pg17.database() + " LOGIN PASSWORD 'app-pass' IN ROLE "
                + EmbeddedPostgres.PASSWORD_ROLE + ";"
                + "GRANT CREATE ON DATABASE " + pg17.database() + " TO app_" + pg17.database() + ";"
                + "ALTER TABLE \"Party\" OWNER TO app_" + pg17.database() + ";"
                + "ALTER TABLE \"Animal\" OWNER TO app_" + pg17.database() + ";"
                + "ALTER TABLE filled OWNER TO app_" + pg17.database() + ";"
                + "ALTER TABLE _prisma_migrations OWNER TO app_" + pg17.database() + ";"
                + "GRANT USAGE ON TYPE \"Status\" TO app_" + pg17.database() + ";");
    }

    private String appUrl() {
        return pg17.server().url("app_" + pg17.database(), "app-pass", pg17.database());
    }

    private static CheckOptions options(String mapping) {
        return new CheckOptions(MappingFile.parse(mapping, "test mapping"), TableSelection.all(), false, false, false);
    }

    private static List<ProblemCode> codes(CheckReport report) {
        return report.problems().stream().map(Problem::code).toList();
    }

    private static Problem find(CheckReport report, ProblemCode code) {
        return report.problems().stream().filter(p -> p.code() == code).findFirst().orElseThrow();
    }

    private String query(String sql) throws Exception {
        try (Connection c = pg17.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void execute(PostgresExtension pg, String db, String sql) throws Exception {
        try (Connection c = pg.server().connect(db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static ConnectionSpec spec(String url) {
        return new ConnectionResolver(Map.of(), Path.of("/nonexistent-home")).resolve(new EndpointSource.Url(url));
    }
}
