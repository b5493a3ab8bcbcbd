package io.pgcarry.largeobject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pgcarry.error.Setting;
import io.pgcarry.report.ProblemCode;
import io.pgcarry.check.CheckOptions;
import io.pgcarry.check.ChecksFailedException;
import io.pgcarry.clone.Clone;
import io.pgcarry.clone.CloneRequest;
import io.pgcarry.clone.CloneResult;
import io.pgcarry.connect.ConnectionResolver;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.EndpointSource;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.error.DatabaseException;
import io.pgcarry.move.Move;
import io.pgcarry.move.MoveJournal;
import io.pgcarry.move.MoveRequest;
import io.pgcarry.move.MoveResult;
import io.pgcarry.plan.Mapping;
import io.pgcarry.plan.TableSelection;
import io.pgcarry.report.Problem;
import io.pgcarry.verify.Validate;
import io.pgcarry.verify.ValidateRequest;
import io.pgcarry.verify.ValidationLevel;
import io.pgcarry.verify.ValidationReport;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Large objects carried database to database: clone keeps their OIDs, content, comments and (with privileges) owners
 * and grants, as pg_dump of both sides shows; validate compares them and names the one that differs; move carries
 * them into an existing schema, refuses to overwrite one, and its abort removes those it created.
 */
class LargeObjectCarryIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    /** Every large object, with what pg_dump would show of it: content digest, comment, owner, access list. */
    private static final String STATE = """
            SELECT string_agg(oid || ' ' || md5(lo_get(oid)) || ' ' || coalesce(obj_description(oid, 'pg_largeobject'), '-')
                              || ' ' || lomowner::regrole || ' ' || coalesce(lomacl::text, '-'), E'\\n' ORDER BY oid)
              FROM pg_largeobject_metadata""";

    @Test
    void aCloneKeepsOidsContentCommentsOwnersAndGrantsAsPgDumpShows() throws Exception {
        fixture(pg13, pg13.database());
        String target = pg13.newDatabase();

        CloneResult result = new Clone(new Connector()).run(new CloneRequest(spec(pg13.url()), spec(pg13.server().url(target)), 2,
                ValidationLevel.FULL, true), CopyProgress.NONE);

        assertThat(result.passed()).as("%s %s", result.schema(), result.move().validation()).isTrue();
        assertThat(result.move().largeObjects()).isEqualTo(6);
        LargeObjectValidation compared = result.move().validation().largeObjects();
        assertThat(compared.passed()).isTrue();
        assertThat(compared.sourceObjects()).isEqualTo(6);
        assertThat(compared.contentCompared()).isTrue();
        assertThat(value(pg13, target, STATE)).isEqualTo(value(pg13, pg13.database(), STATE)).contains("70005", "lo_other", "lo_reader=r/");
        assertThat(largeObjectLines(pg13.server().url(target))).as("pg_dump of the copy")
                .isEqualTo(largeObjectLines(pg13.url())).anyMatch(l -> l.startsWith("COMMENT ON LARGE OBJECT 70004"))
                .anyMatch(l -> l.equals("ALTER LARGE OBJECT 70005 OWNER TO lo_other;"))
                .anyMatch(l -> l.equals("GRANT SELECT ON LARGE OBJECT 70006 TO lo_reader;"));
        assertThat(value(pg13, target, "SELECT string_agg(id || ':' || body, ',' ORDER BY id) FROM document"))
                .isEqualTo("1:70001,2:70002,3:70003,4:70004,5:70005,6:70006");
        assertThat(validate(pg13.url(), pg13.server().url(target), ValidationLevel.FULL).passed()).isTrue();
    }

    @Test
    void aCloneFrom13Into17CarriesThemAndWithoutPrivilegesLeavesOwnersAndGrantsOut() throws Exception {
        fixture(pg13, pg13.database());
        execute(pg17, pg17.database(), "DO $$ BEGIN CREATE ROLE lo_other; EXCEPTION WHEN duplicate_object THEN NULL; END $$;"
                + "DO $$ BEGIN CREATE ROLE lo_reader; EXCEPTION WHEN duplicate_object THEN NULL; END $$;");

        CloneResult result = new Clone(new Connector()).run(new CloneRequest(spec(pg13.url()), spec(pg17.url()), 2,
                ValidationLevel.HASH, false), CopyProgress.NONE);

        assertThat(result.passed()).as("%s", result.move().validation()).isTrue();
        String content = "SELECT string_agg(oid || ' ' || md5(lo_get(oid)) || ' ' || coalesce(obj_description(oid, 'pg_largeobject'), '-'),"
                + " E'\\n' ORDER BY oid) FROM pg_largeobject_metadata";
        assertThat(value(pg17, pg17.database(), content)).isEqualTo(value(pg13, pg13.database(), content));
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM pg_largeobject_metadata WHERE lomowner <> 'postgres'::regrole "
                + "OR lomacl IS NOT NULL")).as("owners and grants only with --with-privileges").isEqualTo("0");
    }

    @Test
    void validateNamesTheLargeObjectsThatDiffer() throws Exception {
        fixture(pg13, pg13.database());
        String target = pg17.database();
        execute(pg17, target, "CREATE TABLE document (id int PRIMARY KEY, title text NOT NULL, body oid)");
        execute(pg17, target, "DO $$ BEGIN CREATE ROLE lo_other; EXCEPTION WHEN duplicate_object THEN NULL; END $$;");
        MoveResult moved = new Move(new Connector()).run(new MoveRequest(spec(pg13.url()), spec(pg17.url()), CheckOptions.defaults(),
                2, MoveRequest.DEFAULT_SPLIT_ROWS, ValidationLevel.FULL), CopyProgress.NONE);
        assertThat(moved.passed()).isTrue();
        assertThat(validate(pg13.url(), pg17.url(), ValidationLevel.FULL).passed()).isTrue();

        // One byte in the middle of the 5 MB object, another's comment, one removed and one added.
        execute(pg17, target, "SELECT lo_put(70003, 3000000, '\\x41'); COMMENT ON LARGE OBJECT 70004 IS 'edited';"
                + "SELECT lo_unlink(70002); SELECT lo_from_bytea(70099, '\\x01');");
        ValidationReport report = validate(pg13.url(), pg17.url(), ValidationLevel.FULL);

        assertThat(report.passed()).isFalse();
        assertThat(report.tables()).allMatch(t -> t.passed());
        assertThat(report.largeObjects().differing()).isEqualTo(4);
        assertThat(report.largeObjects().differences()).map(Object::toString)
                .containsExactly("missing 70002", "changed 70003 (content)", "changed 70004 (comment)", "extra 70099");

        ValidationReport counted = validate(pg13.url(), pg17.url(), ValidationLevel.COUNT);
        assertThat(counted.largeObjects().contentCompared()).isFalse();
        assertThat(counted.largeObjects().differences()).map(Object::toString)
                .containsExactly("missing 70002", "changed 70004 (comment)", "extra 70099");
    }

    @Test
    void aMoveRefusesToOverwriteALargeObjectAndLeavesOneWithTheSameContent() throws Exception {
        fixture(pg13, pg13.database());
        String target = pg17.database();
        execute(pg17, target, "CREATE TABLE document (id int PRIMARY KEY, title text NOT NULL, body oid);"
                + "SELECT lo_from_bytea(70002, convert_to('other text', 'UTF8')); SELECT lo_from_bytea(80000, '\\x0102');");
        MoveRequest request = new MoveRequest(spec(pg13.url()), spec(pg17.url()), CheckOptions.defaults(), 2,
                MoveRequest.DEFAULT_SPLIT_ROWS, ValidationLevel.FULL);

        assertThatThrownBy(() -> new Move(new Connector()).run(request, CopyProgress.NONE))
                .isInstanceOf(ChecksFailedException.class)
                .satisfies(e -> assertThat(((ChecksFailedException) e).report().problems()).anySatisfy(p -> {
                    assertThat(p.code()).isEqualTo(ProblemCode.LARGE_OBJECT_EXISTS);
                    assertThat(p.isError()).isTrue();
                    assertThat(p.samples()).containsExactly("70002");
                    assertThat(p.message()).startsWith("1 large object of the source exists in the target with other content");
                }));
        assertThat(value(pg17, target, "SELECT string_agg(oid::text, ',' ORDER BY oid) FROM pg_largeobject_metadata"))
                .as("nothing written").isEqualTo("70002,80000");

        execute(pg17, target, "SELECT lo_unlink(70002); SELECT lo_from_bytea(70002, convert_to('hello, large object', 'UTF8'))");
        MoveResult moved = new Move(new Connector()).run(request, CopyProgress.NONE);

        assertThat(moved.passed()).as("%s", moved.validation()).isTrue();
        assertThat(moved.largeObjects()).isEqualTo(5);
        assertThat(moved.check().problems()).extracting(Problem::code).contains(ProblemCode.LARGE_OBJECT_PRESENT);
        assertThat(moved.validation().largeObjects().sourceObjects()).isEqualTo(6);
        assertThat(moved.validation().largeObjects().targetObjects()).as("the target's own 80000 is not the move's").isEqualTo(6);
        assertThat(value(pg17, target, "SELECT md5(lo_get(70003)) || ' ' || obj_description(70004, 'pg_largeobject')"))
                .isEqualTo(value(pg13, pg13.database(), "SELECT md5(lo_get(70003)) || ' ' || obj_description(70004, 'pg_largeobject')"));
    }

    @Test
    void anAbortRemovesTheLargeObjectsTheMoveCreatedAndNothingElse() throws Exception {
        fixture(pg13, pg13.database());
        String target = pg17.database();
        execute(pg17, target, "CREATE TABLE document (id int PRIMARY KEY, title text NOT NULL, body oid);"
                + "SELECT lo_from_bytea(80000, '\\x0102');");
        CopyProgress crashAfterLargeObjects = new CopyProgress() {
            @Override
            public void phase(String name) {
                if (name.equals("sequences")) {
                    throw new IllegalStateException("simulated crash after the large objects");
                }
            }
        };
        MoveRequest request = new MoveRequest(spec(pg13.url()), spec(pg17.url()), CheckOptions.defaults(), 2,
                MoveRequest.DEFAULT_SPLIT_ROWS, ValidationLevel.HASH);
        assertThatThrownBy(() -> new Move(new Connector()).run(request, crashAfterLargeObjects)).hasMessageContaining("simulated crash");
        assertThat(value(pg17, target, "SELECT count(*) FROM pg_largeobject_metadata")).isEqualTo("7");

        MoveJournal.AbortResult aborted = new MoveJournal(new Connector()).abort(spec(pg17.url()), 2, p -> { });

        assertThat(aborted.passed()).isTrue();
        assertThat(aborted.largeObjectsRemoved()).isEqualTo(6);
        assertThat(value(pg17, target, "SELECT string_agg(oid::text, ',') FROM pg_largeobject_metadata")).isEqualTo("80000");
    }

    @Test
    void aMoveOfSelectedTablesLeavesLargeObjectsOutAndSaysSo() throws Exception {
        fixture(pg13, pg13.database());
        execute(pg17, pg17.database(), "CREATE TABLE document (id int PRIMARY KEY, title text NOT NULL, body oid)");
        CheckOptions selected = new CheckOptions(Mapping.EMPTY, new TableSelection(List.of("document"), List.of()), false, false, false);

        MoveResult moved = new Move(new Connector()).run(new MoveRequest(spec(pg13.url()), spec(pg17.url()), selected, 2,
                MoveRequest.DEFAULT_SPLIT_ROWS, ValidationLevel.HASH), CopyProgress.NONE);

        assertThat(moved.passed()).isTrue();
        assertThat(moved.largeObjects()).isZero();
        assertThat(moved.validation().largeObjects()).isNull();
        assertThat(moved.check().problems()).anySatisfy(p -> {
            assertThat(p.code()).isEqualTo(ProblemCode.LARGE_OBJECTS_LEFT_OUT);
            assertThat(p.message()).contains("6 large objects").contains(Setting.INCLUDE.mention());
        });
    }

    @Test
    void aRoleThatMayNotReadALargeObjectIsRefusedBeforeWritingAndClonesOnceItMay() throws Exception {
        fixture(pg13, pg13.database());
        String role = "lo_cloner_" + pg17.database();
        execute(pg13, pg13.database(), "CREATE ROLE " + role + " LOGIN NOSUPERUSER; GRANT SELECT ON document TO " + role + ";"
                + "GRANT SELECT ON LARGE OBJECT 70001, 70002, 70003, 70004, 70006 TO " + role);
        execute(pg17, "postgres", "CREATE ROLE " + role + " LOGIN NOSUPERUSER; ALTER DATABASE " + pg17.database() + " OWNER TO " + role);
        execute(pg17, pg17.database(), "ALTER SCHEMA public OWNER TO " + role);
        CloneRequest asRole = new CloneRequest(spec(pg13.url().replace("//postgres@", "//" + role + "@")),
                spec(pg17.url().replace("//postgres@", "//" + role + "@")), 2, ValidationLevel.FULL, false);

        assertThatThrownBy(() -> new Clone(new Connector()).run(asRole, CopyProgress.NONE))
                .isInstanceOf(DatabaseException.class).hasMessageContaining("may not read 1 large object of the source (70005)");
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM pg_class WHERE relname = 'document'")).as("nothing written")
                .isEqualTo("0");

        execute(pg13, pg13.database(), "GRANT SELECT ON LARGE OBJECT 70005 TO " + role);
        CloneResult result = new Clone(new Connector()).run(asRole, CopyProgress.NONE);

        assertThat(result.passed()).as("%s", result.move().validation()).isTrue();
        assertThat(result.move().largeObjects()).isEqualTo(6);
        assertThat(value(pg17, pg17.database(), "SELECT string_agg(DISTINCT lomowner::regrole::text, ',') FROM pg_largeobject_metadata"))
                .isEqualTo(role);
    }

    /** The lines of a full plain pg_dump about large objects (creation, owner, comment, grants, content), in order. */
    private static List<String> largeObjectLines(String url) throws Exception {
        Path pgDump = tool("pg_dump");
        Process process = new ProcessBuilder(pgDump.toString(), "--dbname", url).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().filter(l -> l.contains("LARGE OBJECT") || l.contains("pg_catalog.lo")).forEach(lines::add);
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(lines).as("pg_dump shows the large objects").anyMatch(l -> l.contains("lo_create('70003')"));
        return lines;
    }

    private static Path tool(String name) {
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name);
            }
        }
        assumeTrue(false, name + " is not on the PATH: the oracle cannot run");
        return null;
    }

    private static ValidationReport validate(String from, String to, ValidationLevel level) {
        return new Validate(new Connector()).run(new ValidateRequest(spec(from), spec(to), Mapping.EMPTY, TableSelection.all(), level, 2,
                10, false));
    }

    private static void fixture(PostgresExtension pg, String database) throws Exception {
        try (InputStream in = LargeObjectCarryIT.class.getResourceAsStream("large-objects.sql")) {
            execute(pg, database, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static ConnectionSpec spec(String url) {
        return new ConnectionResolver(Map.of(), Path.of("/nonexistent")).resolve(new EndpointSource.Url(url));
    }

    private static String value(PostgresExtension pg, String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void execute(PostgresExtension pg, String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
