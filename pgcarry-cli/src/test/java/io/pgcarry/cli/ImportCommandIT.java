package io.pgcarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgcarry.embedded.EmbeddedPostgres;
import io.pgcarry.embedded.junit.PostgresExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code pgcarry import} of a small blog's file store (users as NDJSON, a directory of posts with nested comments and
 * tags, an enum, dates in three formats, non-ASCII and emoji text, a missing optional field) as a non-superuser, on
 * PostgreSQL 13 and 17.
 */
class ImportCommandIT {
    static final String PASSWORD = "1mport-Secret";

    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void theDryRunListsEachBadRecordWithItsPathAndWritesNothing(int major) throws Exception {
        String target = prepare(major);
        String before = contentHash(major);
        Path errors = dir.resolve("errors.ndjson");
        CliRun run = CliRun.of("import", "--dry-run", "--to", target, "--map", store("blog-bad").resolve("import.yaml").toString(),
                "--errors", errors.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("ok").asBoolean()).isFalse();
        List<String> lines = new ArrayList<>();
        json.get("rejections").forEach(r -> lines.add(r.get("file").asText() + " " + r.get("record").asText() + " " + r.get("path").asText()
                + " " + r.get("code").asText()));
        assertThat(lines).containsExactlyInAnyOrder(
                "users.ndjson 3 /email DUPLICATE_KEY",
                "posts/p2.json 0 /status ENUM_VALUE_MISSING",
                "posts/p3.json 0 /comments/1/by FK_ORPHAN");
        assertThat(run.out()).as("a child's value names the child's table").contains("\"object\" : \"public.\\\"Comment\\\"\"");
        assertThat(Files.readAllLines(errors)).hasSize(3).allSatisfy(l -> assertThat(l).contains("\"reason\"", "\"data\""));
        assertThat(json.get("warnings")).hasSize(1);
        assertThat(json.at("/warnings/0/code").asText() + " " + json.at("/warnings/0/object").asText()).isEqualTo("UNKNOWN_FIELD users /nick");
        assertThat(contentHash(major)).isEqualTo(before);
        assertThat(query(major, "SELECT to_regnamespace('pgcarry') IS NULL")).isEqualTo("t");
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void aFixedStoreImportsWithParityAndASecondImportChangesNothing(int major) throws Exception {
        String target = prepare(major);
        String map = store("blog").resolve("import.yaml").toString();
        Path report = dir.resolve("dry.json");
        CliRun dry = CliRun.of("import", "--dry-run", "--to", target, "--map", map, "--report", report.toString());
        assertThat(dry.exitCode()).as(dry.out() + dry.err()).isZero();
        CliRun apply = CliRun.of("import", "--to", target, "--map", map, "--expect-snapshot", report.toString(), "--json");
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(apply.out());
        assertThat(json.at("/parity/differences").isArray()).isTrue();
        assertThat(json.at("/parity/differences")).isEmpty();
        assertThat(json.at("/rowsWritten/public.\"Comment\"").asLong()).isEqualTo(4);
        assertThat(apply.out()).doesNotContain(PASSWORD);
        assertThat(query(major, "SELECT bio FROM \"User\" WHERE id = 'u1'")).isEqualTo("Café ☕ and rockets 🚀");
        assertThat(query(major, "SELECT bio IS NULL FROM \"User\" WHERE id = 'u2'")).isEqualTo("t");
        assertThat(query(major, "SELECT string_agg(\"createdAt\"::text, ' ' ORDER BY id) FROM \"User\""))
                .isEqualTo("2024-01-15 10:30:00+00 2024-01-15 10:30:00.123+00 2024-03-01 00:00:00+00");
        assertThat(query(major, "SELECT score::text || ' ' || tags::text FROM \"Post\" WHERE title = 'Hello, wörld 👋'")).isEqualTo("12.50 {intro,news}");
        assertThat(query(major, "SELECT meta->>'ratio' FROM \"Post\" WHERE title = 'Hello, wörld 👋'")).isEqualTo("0.1");
        assertThat(query(major, "SELECT count(*) FROM pgcarry.import_file WHERE sha256 ~ '^[0-9a-f]{64}$'")).isEqualTo("4");

        String after = contentHash(major);
        CliRun again = CliRun.of("import", "--to", target, "--map", map, "--json");
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        JsonNode second = new ObjectMapper().readTree(again.out());
        assertThat(second.get("skipped").asLong()).isEqualTo(6);
        second.get("rowsWritten").forEach(n -> assertThat(n.asLong()).isZero());
        assertThat(contentHash(major)).isEqualTo(after);
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void parityNamesExactlyTheChangedFieldAndTheDeletedChildRow(int major) throws Exception {
        String target = prepare(major);
        String map = store("blog").resolve("import.yaml").toString();
        assertThat(CliRun.of("import", "--to", target, "--map", map).exitCode()).isZero();
        execute(major, "UPDATE \"Comment\" SET body = 'edited' WHERE body = '好'");
        CliRun changed = CliRun.of("import", "verify", "--to", target, "--map", map, "--json");
        assertThat(changed.exitCode()).as(changed.err()).isEqualTo(1);
        JsonNode differences = new ObjectMapper().readTree(changed.out()).at("/parity/differences");
        assertThat(differences).hasSize(1);
        JsonNode d = differences.get(0);
        assertThat(List.of(d.get("file").asText(), d.get("record").asText(), d.get("path").asText(), d.get("table").asText(),
                d.get("column").asText(), d.get("expected").asText(), d.get("actual").asText()))
                .containsExactly("posts/p1.json", "0", "/comments/1/text", "public.\"Comment\"", "body", "好", "edited");

        execute(major, "UPDATE \"Comment\" SET body = '好' WHERE body = 'edited'; DELETE FROM \"PostTag\" WHERE tag = 'news'");
        CliRun deleted = CliRun.of("import", "verify", "--to", target, "--map", map);
        assertThat(deleted.exitCode()).isEqualTo(1);
        assertThat(deleted.out()).contains("parity: 1 difference", "path: /tags/1", "table: public.\"PostTag\"", "expected: present, actual: missing");

        execute(major, "INSERT INTO \"PostTag\" SELECT id, 'news' FROM \"Post\" WHERE title = 'Hello, wörld 👋'; "
                + "INSERT INTO \"PostTag\" SELECT id, 'stray' FROM \"Post\" WHERE title = 'Old post'");
        CliRun stray = CliRun.of("import", "verify", "--to", target, "--map", map);
        assertThat(stray.exitCode()).isEqualTo(1);
        assertThat(stray.out()).contains("parity: 1 difference", "file: null", "expected: no record, actual: present");
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void aBadMappingFileIsOneLineNamingTheFileAndKey(int major) throws Exception {
        String target = prepare(major);
        Path map = dir.resolve("bad.yaml");
        Files.writeString(map, "collections:\n  users:\n    input: users.ndjson\n    table: User\n    colums: {id: /id}\n");
        CliRun run = CliRun.of("import", "--to", target, "--map", map.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).hasLineCount(1).contains("bad.yaml", "collection users", "unknown key 'colums'");
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void allowRejectsLoadsTheOthersAndStrictRejectsUnknownFields(int major) throws Exception {
        String target = prepare(major);
        Path bad = store("blog-bad");
        Files.writeString(bad.resolve("strict.yaml"), Files.readString(bad.resolve("import.yaml")).replace("strict: false", "strict: true"));
        CliRun strict = CliRun.of("import", "--dry-run", "--to", target, "--map", bad.resolve("strict.yaml").toString());
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(strict.out()).contains("5 rejected", "users.ndjson record 1 /nick: UNKNOWN_FIELD",
                "posts/p2.json record 0 /authorId: FK_ORPHAN");

        CliRun tooMany = CliRun.of("import", "--to", target, "--map", bad.resolve("import.yaml").toString(), "--allow-rejects", "2");
        assertThat(tooMany.exitCode()).isEqualTo(1);
        assertThat(tooMany.out()).contains("3 rejected", "apply: FAIL (nothing was written)");
        assertThat(query(major, "SELECT count(*) FROM \"User\"")).isEqualTo("0");

        CliRun allowed = CliRun.of("import", "--to", target, "--map", bad.resolve("import.yaml").toString(), "--allow-rejects", "3");
        assertThat(allowed.exitCode()).as(allowed.out() + allowed.err()).isZero();
        assertThat(allowed.out()).contains("3 rejected", "differences: []", "public.\"Post\": 1 row written");
        CliRun verify = CliRun.of("import", "verify", "--to", target, "--map", bad.resolve("import.yaml").toString());
        assertThat(verify.exitCode()).as("a standalone verify holds the left-out records against the target").isEqualTo(1);

    }

    @ParameterizedTest
    @ValueSource(ints = {17})
    void jsonArraysAndCsvReadTheSameRecordsAsNdjson(int major) throws Exception {
        String target = prepare(major);
        Path store = store("blog");
        List<String> lines = Files.readAllLines(store.resolve("users.ndjson"));
        Files.writeString(store.resolve("users.json"), "[\n" + String.join(",\n", lines) + "\n]\n");
        Files.writeString(store.resolve("users.csv"), "id,email,name,bio,createdAt,admin\n"
                + "u1,ana@example.com,Ana Lima,\"Café ☕ and rockets 🚀\",2024-01-15T10:30:00Z,true\n"
                + "u2,zoe@example.com,Zoë Ωmega,,2024-01-15T10:30:00.123Z,false\n"
                + "u3,li@example.com,李雷,\"line one\nline\ttwo \\ back\",2024-03-01,0\n");
        String yaml = Files.readString(store.resolve("import.yaml"));
        String ndjson = CliRun.of("import", "--to", target, "--map", store.resolve("import.yaml").toString()).out();
        assertThat(ndjson).contains("differences: []");
        for (String input : List.of("users.json", "users.csv")) {
            Files.writeString(store.resolve("import.yaml"), yaml.replace("input: users.ndjson", "input: " + input));
            CliRun verify = CliRun.of("import", "verify", "--to", target, "--map", store.resolve("import.yaml").toString());
            assertThat(verify.exitCode()).as(input + ": " + verify.out()).isZero();
            assertThat(verify.out()).as(input).contains("users.", "3 records", "differences: []");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void anApplyWhoseRecordsAllConvertButBreakAConstraintListsThemAndWritesNothing(int major) throws Exception {
        String target = prepare(major);
        execute(major, "INSERT INTO \"User\" (id, email, name, \"createdAt\") VALUES ('x9', 'ana@example.com', 'Other Ana', now())");
        String before = contentHash(major);
        // Every record converts, so the apply loads straight away; the server refuses the duplicate email, and the
        // apply falls back to the staged checks to name the record, as the dry run would.
        CliRun run = CliRun.of("import", "--to", target, "--map", store("blog").resolve("import.yaml").toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("users.ndjson record 0 /email: DUPLICATE_KEY", "apply: FAIL (nothing was written)");
        assertThat(contentHash(major)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void verifyStandsOnTheApplysProofUntilAFileOrATableChanges(int major) throws Exception {
        String target = prepare(major);
        Path store = store("blog");
        String map = store.resolve("import.yaml").toString();
        assertThat(CliRun.of("import", "--to", target, "--map", map).exitCode()).isZero();
        CliRun proven = CliRun.of("import", "verify", "--to", target, "--map", map, "--json");
        assertThat(proven.exitCode()).as(proven.out() + proven.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(proven.out());
        assertThat(json.at("/parity/provedByRun").asLong()).isEqualTo(1);
        assertThat(json.at("/parity/records").asLong()).isEqualTo(6);
        assertThat(json.get("snapshot")).hasSize(4);

        CliRun compared = CliRun.of("import", "verify", "--record-by-record", "--to", target, "--map", map);
        assertThat(compared.exitCode()).isZero();
        assertThat(compared.out()).contains("6 records compared; differences: []");

        // a value changed and changed back: the table hashes as it did, the proof holds
        execute(major, "UPDATE \"Post\" SET score = 1 WHERE score = 12.5; UPDATE \"Post\" SET score = 12.50 WHERE score = 1");
        assertThat(CliRun.of("import", "verify", "--to", target, "--map", map).out()).contains("proven by import run 1");
        Files.writeString(store.resolve("users.ndjson"), Files.readString(store.resolve("users.ndjson")) + "\n");
        CliRun fileChanged = CliRun.of("import", "verify", "--to", target, "--map", map);
        assertThat(fileChanged.exitCode()).as("the same records, in a file that hashes differently").isZero();
        assertThat(fileChanged.out()).contains("6 records compared; differences: []").doesNotContain("proven");

        execute(major, "INSERT INTO \"PostTag\" SELECT id, 'stray' FROM \"Post\" WHERE title = 'Old post'");
        Files.writeString(store.resolve("users.ndjson"), Files.readString(store.resolve("users.ndjson")).stripTrailing() + "\n");
        CliRun stray = CliRun.of("import", "verify", "--to", target, "--map", map);
        assertThat(stray.exitCode()).as("files as proven, a table not").isEqualTo(1);
        assertThat(stray.out()).contains("parity: 1 difference", "expected: no record, actual: present");
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void foreignKeysSetAsideForTheLoadComeBackAsTheyWere(int major) throws Exception {
        String target = prepare(major);
        execute(major, """
                COMMENT ON CONSTRAINT "Comment_postId_fkey" ON "Comment" IS 'every comment has its post';
                ALTER TABLE "PostTag" DROP CONSTRAINT "PostTag_postId_fkey",
                  ADD CONSTRAINT "PostTag_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post" ON DELETE CASCADE
                  DEFERRABLE INITIALLY DEFERRED NOT VALID;
                """);
        String keys = """
                SELECT string_agg(conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated
                                  || ' ' || coalesce(obj_description(oid, 'pg_constraint'), '-'), E'\n' ORDER BY conrelid::regclass::text, conname)
                  FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace
                """;
        String before = query(major, keys);
        String oids = "SELECT string_agg(oid::text, ' ' ORDER BY conname) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace";
        String oidsBefore = query(major, oids);
        CliRun run = CliRun.of("import", "--to", target, "--map", store("blog").resolve("import.yaml").toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.err()).contains("adding back 4 foreign key(s)");
        assertThat(query(major, keys)).isEqualTo(before).contains("DEFERRABLE INITIALLY DEFERRED NOT VALID false -", "every comment has its post");
        assertThat(query(major, oids)).as("dropped and added back").isNotEqualTo(oidsBefore);
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void aPartitionedTargetImportsAndItsRowsAreComparedInItsPartitions(int major) throws Exception {
        String target = prepare(major);
        execute(major, """
                CREATE TABLE "Event" (id text NOT NULL, at date NOT NULL, "userId" text REFERENCES "User", what text,
                                      PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
                CREATE TABLE "Event_2024" PARTITION OF "Event" FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                CREATE TABLE "Event_2025" PARTITION OF "Event" FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
                ALTER TABLE "Event" OWNER TO importer_%1$s; ALTER TABLE "Event_2024" OWNER TO importer_%1$s;
                ALTER TABLE "Event_2025" OWNER TO importer_%1$s;
                """.formatted(pg(major).database()));
        Path store = store("blog");
        Files.writeString(store.resolve("events.ndjson"), """
                {"id":"e1","at":"2024-05-01","by":"u1","what":"signed up"}
                {"id":"e2","at":"2025-02-01","by":"u2","what":"posted"}
                """);
        Files.writeString(store.resolve("import.yaml"), Files.readString(store.resolve("import.yaml")) + """
                  events:
                    input: events.ndjson
                    table: Event
                    id: {source: /id, key: id}
                    columns: {id: /id, at: /at, userId: {lookup: users, pointer: /by}, what: /what}
                """);
        String map = store.resolve("import.yaml").toString();
        CliRun apply = CliRun.of("import", "--to", target, "--map", map);
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
        assertThat(apply.out()).contains("public.\"Event\": 2 rows written", "differences: []");
        assertThat(query(major, "SELECT count(*) FROM \"Event_2025\"")).isEqualTo("1");
        assertThat(CliRun.of("import", "verify", "--to", target, "--map", map).out()).contains("proven by import run 1");

        execute(major, "UPDATE \"Event\" SET what = 'edited' WHERE id = 'e2'; INSERT INTO \"Event_2024\" VALUES ('e9', '2024-06-01', NULL, 'stray')");
        CliRun verify = CliRun.of("import", "verify", "--to", target, "--map", map);
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains("parity: 2 differences", "path: /what, table: public.\"Event\"", "expected: posted, actual: edited",
                "key: e9, 2024-06-01", "expected: no record, actual: present");
    }

    @ParameterizedTest
    @ValueSource(ints = {17})
    void aRowBreakingAForeignKeySetAsideIsNamedAndNothingIsWritten(int major) throws Exception {
        String target = prepare(major);
        execute(major, """
                CREATE TABLE "Allowed" (email varchar(120) PRIMARY KEY);
                INSERT INTO "Allowed" VALUES ('ana@example.com'), ('li@example.com');
                ALTER TABLE "User" ADD CONSTRAINT "User_email_allowed" FOREIGN KEY (email) REFERENCES "Allowed";
                GRANT SELECT, REFERENCES ON "Allowed" TO importer_%s;
                """.formatted(pg(major).database()));
        String before = contentHash(major);
        CliRun run = CliRun.of("import", "--to", target, "--map", store("blog").resolve("import.yaml").toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("users.ndjson record 1 /email: FK_ORPHAN", "apply: FAIL (nothing was written)");
        assertThat(contentHash(major)).isEqualTo(before);
        assertThat(query(major, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace")).isEqualTo("5");
    }

    @ParameterizedTest
    @ValueSource(ints = {17})
    void aTargetThatChangesRowsAsTheyArriveFailsParityAndTheApplyIsRolledBack(int major) throws Exception {
        String target = prepare(major);
        execute(major, """
                CREATE FUNCTION public.shout() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.body := upper(NEW.body); RETURN NEW; END $$;
                CREATE TRIGGER shout BEFORE INSERT ON "Comment" FOR EACH ROW EXECUTE FUNCTION public.shout();
                """);
        String before = contentHash(major);
        CliRun run = CliRun.of("import", "--to", target, "--map", store("blog").resolve("import.yaml").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("parity: 3 differences", "column: body, expected: Still good, actual: STILL GOOD",
                "apply: FAIL (nothing was written)");
        assertThat(contentHash(major)).isEqualTo(before);
    }

    // On 17 only: what it shows (one transaction undone by the server when its client dies) is the same on every
    // version, and a child JVM's load is the slowest test of the class.
    @ParameterizedTest
    @ValueSource(ints = {17})
    void aKillDuringTheApplyLeavesTheTargetAsBeforeAndAbortSaysSo(int major) throws Exception {
        String target = prepare(major);
        Path map = generatedStore(20_000);
        String before = contentHash(major);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "import", "--to", target, "--map", map.toString()).redirectErrorStream(true).start();
        try (java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            List<String> seen = new ArrayList<>();
            // killed once the rows are in and the foreign keys set aside for the load are being added back: the
            // moment the transaction has the most to undo
            while ((line = out.readLine()) != null && !line.startsWith("adding back")) {
                seen.add(line);
            }
            assertThat(line).as("the child reached the end of the load: " + seen).startsWith("adding back 4 foreign key(s)");
            new ProcessBuilder("kill", "-9", Long.toString(child.pid())).start().waitFor();
        }
        assertThat(child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(137);
        Thread.sleep(300);
        assertThat(contentHash(major)).isEqualTo(before);

        CliRun abort = CliRun.of("import", "--abort", "--to", target, "--map", map.toString());
        assertThat(abort.exitCode()).as(abort.err()).isZero();
        assertThat(abort.out()).contains("nothing to undo");
        assertThat(contentHash(major)).isEqualTo(before);

        CliRun resume = CliRun.of("import", "--resume", "--to", target, "--map", map.toString());
        assertThat(resume.exitCode()).as(resume.out() + resume.err()).isZero();
        assertThat(resume.out()).contains("differences: []", "60000 rows written");
        try (Stream<Path> temp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(temp.map(p -> p.getFileName().toString()))
                    .as("the killed import's spill is deleted by the next import").noneMatch(n -> n.startsWith("pgcarry-import-" + child.pid() + "-"));
        }
    }

    /** A store of {@code posts} posts (NDJSON) with three comments and two tags each, by ten users. */
    Path generatedStore(int posts) throws IOException {
        Path store = Files.createDirectories(dir.resolve("big"));
        StringBuilder users = new StringBuilder();
        for (int u = 0; u < 10; u++) {
            users.append("{\"id\":\"u").append(u).append("\",\"email\":\"u").append(u).append("@example.com\",\"name\":\"User ")
                    .append(u).append("\",\"admin\":false,\"createdAt\":1705314600000}\n");
        }
        Files.writeString(store.resolve("users.ndjson"), users);
        try (java.io.BufferedWriter w = Files.newBufferedWriter(store.resolve("posts.ndjson"))) {
            for (int p = 0; p < posts; p++) {
                w.write("{\"id\":\"p" + p + "\",\"authorId\":\"u" + (p % 10) + "\",\"title\":\"Post " + p + " ✓\",\"status\":\"PUBLISHED\","
                        + "\"score\":" + p + ".25,\"tags\":[\"a\",\"b" + p % 7 + "\"],\"comments\":[");
                for (int c = 0; c < 3; c++) {
                    w.write((c == 0 ? "" : ",") + "{\"id\":\"p" + p + "c" + c + "\",\"by\":\"u" + c + "\",\"text\":\"comment " + c
                            + "\",\"at\":\"2024-01-16T08:00:00Z\"}");
                }
                w.write("]}\n");
            }
        }
        String mapping = resource("blog/import.yaml").replace("input: posts\n    format: dir", "input: posts.ndjson");
        Files.writeString(store.resolve("import.yaml"), mapping);
        return store.resolve("import.yaml");
    }

    // ---- fixture ----

    /** Creates the blog schema owned by a new non-superuser; returns its URL. */
    String prepare(int major) throws Exception {
        PostgresExtension pg = pg(major);
        String role = "importer_" + pg.database();
        execute(major, resource("schema.sql") + """
                SET password_encryption = 'scram-sha-256';
                CREATE ROLE %3$s LOGIN PASSWORD '%4$s' IN ROLE %1$s;
                GRANT CREATE ON DATABASE %2$s TO %3$s;
                ALTER TYPE "PostStatus" OWNER TO %3$s;
                ALTER TABLE "User" OWNER TO %3$s; ALTER TABLE "Post" OWNER TO %3$s;
                ALTER TABLE "Comment" OWNER TO %3$s; ALTER TABLE "PostTag" OWNER TO %3$s;
                """.formatted(EmbeddedPostgres.PASSWORD_ROLE, pg.database(), role, PASSWORD));
        return pg.server().url(role, PASSWORD, pg.database());
    }

    static PostgresExtension pg(int major) {
        return major == 13 ? pg13 : pg17;
    }

    /** A copy of a fixture store in the test's directory. */
    Path store(String name) throws IOException, URISyntaxException {
        Path source = Path.of(ImportCommandIT.class.getResource("/import/" + name).toURI());
        Path copy = dir.resolve(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : files.toList()) {
                Path to = copy.resolve(source.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        return copy;
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ImportCommandIT.class.getResourceAsStream("/import/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every row of the four tables and whether schema pgcarry is there, as one digest. */
    static String contentHash(int major) throws Exception {
        return query(major, """
                SELECT md5(concat_ws('|',
                  (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM "User" t),
                  (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM "Post" t),
                  (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM "Comment" t),
                  (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM "PostTag" t),
                  to_regnamespace('pgcarry')::text))
                """);
    }

    static String query(int major, String sql) throws Exception {
        try (Connection c = pg(major).connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static void execute(int major, String sql) throws Exception {
        try (Connection c = pg(major).connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
