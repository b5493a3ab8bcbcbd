package io.pgcarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgcarry.embedded.junit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * CVE-2018-1058 against every command: mallory, a role with nothing but CREATE on {@code public}, plants there
 * overloads of the functions, aggregates and operators pgcarry's SQL uses ({@link Plants}), each proven by a probe
 * to take a call over. Every command, run as a superuser, then calls none of them: no call is recorded, no file is
 * written by the server, mallory stays an ordinary role, and every command gives the result it gives without them
 * (validate's hashes included, which forged hash functions would change).
 */
class SearchPathHijackIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final List<Plants> PLANTS = Plants.all();
    private static final String SCHEMA = """
            CREATE TYPE mood AS ENUM ('calm', 'angry');
            CREATE TABLE party (id int PRIMARY KEY, name text NOT NULL, code varchar(10), tag char(4), small smallint,
                                big bigint, flag boolean, uid uuid, at timestamp, atz timestamptz, doc jsonb, amount numeric(10,2),
                                m mood, ids int[]);
            CREATE TABLE visit (id bigserial PRIMARY KEY, party_id int REFERENCES party, note text);
            CREATE INDEX visit_party_idx ON visit (party_id);
            CREATE VIEW party_names AS SELECT id, name FROM party;
            """;
    private static final String ROWS = """
            INSERT INTO party SELECT i, 'p' || i, 'c' || i, 't' || (i % 10), i % 100, i * 1000000000::bigint, i % 2 = 0,
                   md5(i::text)::uuid, '2024-01-01'::timestamp + i * interval '1 hour', '2024-01-01Z'::timestamptz + i * interval '1 day',
                   jsonb_build_object('i', i, 'x', i * 0.5), i * 1.5, CASE WHEN i % 2 = 0 THEN 'calm' ELSE 'angry' END::mood,
                   ARRAY[i, i + 1]
              FROM generate_series(1, 300) i;
            INSERT INTO visit (party_id, note) SELECT 1 + i % 300, 'v' || i FROM generate_series(1, 600) i;
            """;

    @TempDir
    Path dir;
    private Path files;

    @BeforeEach
    void filesTheServerMayWrite() throws Exception {
        // The servers run as another OS user when the tests run as root: they must be able to write here.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        files = Files.createDirectory(dir.resolve("written-by-server"));
        Files.setPosixFilePermissions(files, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    @Test
    void pingCheckMoveStatusAndValidateCallNothingPlanted() throws Exception {
        String source = pg13.url();
        String target = pg17.url();
        execute(pg13, pg13.database(), SCHEMA + ROWS);
        execute(pg17, pg17.database(), SCHEMA);
        Map<String, String> clean = hashes(CliRun.of("--json", "validate", "--from", source, "--to", source, "--level", "hash"));
        plant(pg13, pg13.database());
        plant(pg17, pg17.database());

        assertThat(ok(CliRun.of("ping", "--to", source)).out()).contains("13.");
        assertThat(ok(CliRun.of("ping", "--to", target)).out()).contains("17.");
        ok(CliRun.of("check", "--from", source, "--to", target));
        assertThat(ok(CliRun.of("move", "--from", source, "--to", target)).out()).contains("PASS");
        ok(CliRun.of("status", "--to", target));
        for (String level : List.of("count", "hash", "full")) {
            assertThat(ok(CliRun.of("validate", "--from", source, "--to", target, "--level", level)).out())
                    .contains("validation (" + level + "): PASS");
        }
        Map<String, String> planted = hashes(CliRun.of("--json", "validate", "--from", source, "--to", target, "--level", "hash"));
        assertThat(planted).as("hashes with plants in place").containsAllEntriesOf(clean);

        execute(pg17, pg17.database(), "UPDATE party SET code = 'changed' WHERE id = 123");
        CliRun changed = CliRun.of("validate", "--from", source, "--to", target);
        assertThat(changed.exitCode()).as(changed.err()).isEqualTo(1);
        assertThat(changed.out()).contains("changed id=123  columns: code");

        // With --trigger-search-path each COPY runs with the target's default path, public included: pgcarry's own
        // statements, in the same transactions, still call nothing planted.
        String appPath = pg17.newDatabase();
        execute(pg17, appPath, SCHEMA);
        plant(pg17, appPath);
        assertThat(ok(CliRun.of("move", "--from", source, "--to", pg17.server().url(appPath), "--trigger-search-path")).out())
                .contains("PASS");

        assertNothingCalled(pg13, pg13.database());
        assertNothingCalled(pg17, pg17.database(), appPath);
    }

    @Test
    void cloneBackupVerifyAndRestoreCallNothingPlanted() throws Exception {
        String source = pg13.url();
        execute(pg13, pg13.database(), SCHEMA + ROWS);
        plant(pg13, pg13.database());

        String cloned = pg13.newDatabase();
        assertThat(ok(CliRun.of("clone", "--skip-unmodelled", "--from", source, "--to", pg13.server().url(cloned))).out()).contains("PASS");
        Path out = dir.resolve("backups");
        ok(CliRun.of("backup", "--skip-unmodelled", "--from", source, "--out", out.toString(), "--file", "b"));
        String archive = out.resolve("b.pgcarry").toString();
        assertThat(ok(CliRun.of("backup", "verify", archive, "--deep")).out()).contains("PASS");
        Path smoke = Files.writeString(dir.resolve("smoke.sql"), "-- expect: 300 rows\nSELECT id FROM party;\n");
        String restored = pg17.newDatabase();
        assertThat(ok(CliRun.of("restore", archive, "--to", pg17.server().url(restored), "--smoke", smoke.toString())).out())
                .contains("PASS   public.party").contains("PASS   smoke line 2");

        // A plain SQL file may leave public ahead of pg_catalog; pgcarry's own queries after it must not care.
        Path plain = Files.writeString(dir.resolve("plain.sql"), spySetup(false) + Plants.HELPERS + Plants.sql(PLANTS, files)
                + "SET search_path = public, pg_catalog;\nCREATE TABLE public.note (id int PRIMARY KEY, body text);\n"
                + "COPY public.note (id, body) FROM stdin;\n" + rows(50) + "\\.\n");
        String fromPlain = pg17.newDatabase();
        assertThat(ok(CliRun.of("restore", plain.toString(), "--to", pg17.server().url(fromPlain))).out()).contains("public.note").contains("PASS");
        assertThat(count(pg17, fromPlain, "SELECT pg_catalog.count(*) FROM public.note")).isEqualTo(50);

        assertNothingCalled(pg13, pg13.database(), cloned);
        assertNothingCalled(pg17, restored, fromPlain);
    }

    @Test
    void schemaDumpAndDiffCallNothingPlanted() throws Exception {
        String source = pg13.url();
        execute(pg13, pg13.database(), SCHEMA);
        execute(pg17, pg17.database(), SCHEMA.replace("note text", "note varchar(20)"));
        plant(pg13, pg13.database());
        plant(pg17, pg17.database());

        assertThat(ok(CliRun.of("schema", "dump", "--skip-unmodelled", source)).out()).contains("CREATE TABLE \"public\".\"party\"");
        Path json = dir.resolve("source.json");
        Files.writeString(json, ok(CliRun.of("schema", "dump", "--skip-unmodelled", source, "--format", "json")).out());
        // the planted operators and aggregates are carried like any other object: the dump and its database agree
        CliRun same = CliRun.of("diff", json.toString(), source);
        assertThat(same.exitCode()).as(same.out() + same.err()).isZero();
        assertThat(same.out()).doesNotContain("not compared");
        CliRun diff = CliRun.of("diff", source, pg17.url());
        assertThat(diff.exitCode()).as(diff.err()).isEqualTo(1);
        assertThat(diff.out()).contains("column public.visit.note").contains("text (SOURCE) vs character varying(20) (TARGET)");
        CliRun plan = CliRun.of("diff", source, pg17.url(), "--sql");
        assertThat(plan.exitCode()).as(plan.err()).isIn(0, 1);
        assertThat(plan.out()).contains("ALTER TABLE \"public\".\"visit\" ALTER COLUMN \"note\" TYPE text");

        assertNothingCalled(pg13, pg13.database());
        assertNothingCalled(pg17, pg17.database());
    }

    private static String rows(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            sb.append(i).append("\tn").append(i).append('\n');
        }
        return sb.toString();
    }

    private static CliRun ok(CliRun run) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        return run;
    }

    /** Per table, its source and target hash from validate's JSON. */
    private static Map<String, String> hashes(CliRun run) throws Exception {
        ok(run);
        Map<String, String> hashes = new TreeMap<>();
        for (JsonNode table : new ObjectMapper().readTree(run.out()).get("tables")) {
            hashes.put(table.get("table").asText(), table.get("sourceHash").asText() + " " + table.get("targetHash").asText());
        }
        assertThat(hashes).isNotEmpty();
        return hashes;
    }

    private String spySetup(boolean asMallory) {
        return """
                CREATE SCHEMA spy;
                CREATE TABLE spy.calls (label text, caller text);
                GRANT USAGE ON SCHEMA spy TO PUBLIC;
                GRANT INSERT ON spy.calls TO PUBLIC;
                """ + (asMallory ? "ALTER TABLE spy.calls OWNER TO mallory;\nGRANT CREATE ON SCHEMA public TO mallory;\n" : "");
    }

    /** Mallory plants every overload, then each probe shows that its plant would take a call over. */
    private void plant(PostgresExtension pg, String database) throws Exception {
        execute(pg, database, "DO $$ BEGIN CREATE ROLE mallory LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        execute(pg, database, spySetup(true) + "SET ROLE mallory;\n" + Plants.HELPERS + Plants.sql(PLANTS, files) + "RESET ROLE;");
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (int n = 0; n < PLANTS.size(); n++) {
                Plants plant = PLANTS.get(n);
                s.execute("SET LOCAL search_path TO " + (plant.decoy() ? "public, pg_catalog" : "DEFAULT"));
                s.execute("SELECT " + plant.probe());
                s.execute("SET LOCAL search_path TO pg_catalog");
                long calls;
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM spy.calls WHERE label = '" + plant.label() + "'")) {
                    rs.next();
                    calls = rs.getLong(1);
                }
                c.rollback();
                assertThat(calls).as("the probe of %s calls it", plant.label()).isPositive();
                Path written = files.resolve(Plants.fileName(n));
                assertThat(written).as("%s writes a file when a superuser calls it", plant.label()).exists();
                Files.delete(written);
            }
        }
    }

    /** No plant was called in these databases of {@code pg}, mallory is no superuser and the server wrote no file. */
    private void assertNothingCalled(PostgresExtension pg, String... databases) throws Exception {
        for (String database : databases) {
            List<String> calls = new ArrayList<>();
            try (Connection c = pg.server().connect(database); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT label || ' by ' || caller FROM spy.calls")) {
                while (rs.next()) {
                    calls.add(rs.getString(1));
                }
            }
            assertThat(calls).as("planted overloads called in %s", database).isEmpty();
        }
        for (PostgresExtension server : List.of(pg13, pg17)) {
            assertThat(count(server, server.database(), "SELECT pg_catalog.count(*) FROM pg_catalog.pg_roles WHERE rolname = 'mallory' AND rolsuper"))
                    .as("mallory became superuser").isZero();
        }
        try (Stream<Path> written = Files.list(files)) {
            assertThat(written.map(Path::getFileName).map(Path::toString).toList()).as("files the server wrote for a plant").isEmpty();
        }
    }

    private static long count(PostgresExtension pg, String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(PostgresExtension pg, String database, String sql) throws Exception {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
