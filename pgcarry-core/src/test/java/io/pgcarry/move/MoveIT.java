package io.pgcarry.move;

import io.pgcarry.report.ProblemCode;
import static io.pgcarry.move.MoveFixtures.column;
import static io.pgcarry.move.MoveFixtures.contentOf;
import static io.pgcarry.move.MoveFixtures.definitions;
import static io.pgcarry.move.MoveFixtures.request;
import static io.pgcarry.move.MoveFixtures.script;
import static io.pgcarry.move.MoveFixtures.spec;
import static io.pgcarry.move.MoveFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.check.CheckOptions;
import io.pgcarry.connect.Connector;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.embedded.junit.PostgresExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Moves from PostgreSQL 13 into an existing schema on PostgreSQL 17. */
class MoveIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final List<String> TABLES = List.of("\"Animal\"", "\"bazaar-vid_exports\"", "cycle_a", "cycle_b",
            "composite_parent", "composite_child", "no_key", "measurements",
            "\"a_table_name_that_is_exactly_sixty_three_bytes_long_abcdefghijk\"", "big");

    @Test
    void movesTheTypeZooExactlyAndRestoresEveryConstraint() throws Exception {
        script(pg13, pg13.database(), "zoo-schema.sql");
        script(pg13, pg13.database(), "zoo-data.sql");
        script(pg17, pg17.database(), "zoo-schema.sql");
        List<String> before = definitions(pg17, pg17.database());

        MoveResult result = new Move(new Connector()).run(request(pg13.url(), pg17.url(), CheckOptions.defaults(), 2, 10_000),
                CopyProgress.NONE);

        assertThat(result.check().errors()).isZero();
        assertThat(result.validation().passed()).as("validation %s", result.validation()).isTrue();
        // Each table's source hash was summed from the COPY text as it was copied, and the target's server-side hash
        // matched it: the client's hash of every value of the zoo is the server's, from 13 to 17. "Animal" has a stored
        // generated column, which the copy does not carry but validation compares: both of its sides are read.
        assertThat(result.validation().tables()).hasSize(TABLES.size())
                .allSatisfy(t -> assertThat(t.sourceFromCopy()).as(t.table()).isEqualTo(!t.table().equals("public.\"Animal\"")));
        for (String table : TABLES) {
            assertThat(contentOf(pg17, pg17.database(), table)).as(table).isEqualTo(contentOf(pg13, pg13.database(), table));
        }
        assertThat(definitions(pg17, pg17.database())).isEqualTo(before);
        assertThat(result.tables()).filteredOn(t -> t.table().equals("public.big")).singleElement()
                .as("big is split into ranges").extracting(TableResult::ranges).isEqualTo(6);
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM pg_namespace WHERE nspname = 'pgcarry'")).as("the journal is removed").isEqualTo("0");
        assertThat(value(pg17, pg17.database(), "SELECT upper_name FROM \"Animal\" WHERE id = 3")).isEqualTo("ANIMAL 3");
        assertThat(value(pg17, pg17.database(), "INSERT INTO \"Animal\" (\"Name\") VALUES ('new') RETURNING id"))
                .as("identity continues after the copied ids").isEqualTo("2003");
        assertThat(column(pg17, pg17.database(), "SELECT nextval('\"bazaar-vid_exports_order_seq\"')")).containsExactly("3001");
    }

    @Test
    void jsonDocumentsAreHashedByTheClientAsTheTargetHashesThemInBinaryAndTextCopies() throws Exception {
        // "doc" is copied in binary; "doc_mood", with an enum column, in text, where COPY escapes the documents.
        String schema = """
                CREATE TYPE mood AS ENUM ('calm', 'wild');
                CREATE TABLE doc (id int PRIMARY KEY, body jsonb, raw json, note text);
                CREATE TABLE doc_mood (id int PRIMARY KEY, body jsonb, raw json, note text, mood mood);
                """;
        MoveFixtures.execute(pg13, pg13.database(), schema + """
                INSERT INTO doc SELECT i,
                       CASE WHEN i % 10 = 0 THEN NULL
                            WHEN i % 10 = 1 THEN '{}'::jsonb
                            ELSE jsonb_build_object('n', i, 'ratio', i / 7.0, 'name', 'Zürich 東京 ' || i, 'tags', jsonb_build_array(i, NULL, true),
                                                    'quote', E'say "hi"\\ back\\slash', 'big', repeat(md5(i::text), 1 + i % 300)) END,
                       CASE WHEN i % 9 = 0 THEN NULL
                            WHEN i % 9 = 1 THEN E'{"a":\n\t[' || i || ', "x\\\\y", "\\t"],\r\n "b": 1}'
                            ELSE ('{"b": 1,  "a": [' || i || ', 2.50]}') END::json,
                       'n' || i
                  FROM generate_series(1, 3000) i;
                INSERT INTO doc_mood SELECT *, 'wild' FROM doc;
                """);
        MoveFixtures.execute(pg17, pg17.database(), schema);

        MoveResult result = new Move(new Connector()).run(request(pg13.url(), pg17.url(), CheckOptions.defaults(), 2, 10_000),
                CopyProgress.NONE);

        assertThat(result.validation().passed()).isTrue();
        // The documents' hashes were computed by the client from the bytes the source sent; the target's server-side
        // hashes agreed, so the source was not read again.
        assertThat(result.validation().tables()).hasSize(2).allSatisfy(t -> assertThat(t.sourceFromCopy()).as(t.table()).isTrue());
        assertThat(value(pg13, pg13.database(), "SELECT count(*) FROM doc WHERE strpos(raw::text, chr(92)) > 0 AND strpos(raw::text, chr(10)) > 0"))
                .as("documents with raw newlines and backslashes are among them").isNotEqualTo("0");
        for (String table : List.of("doc", "doc_mood")) {
            assertThat(contentOf(pg17, pg17.database(), table)).isEqualTo(contentOf(pg13, pg13.database(), table));
        }
    }

    @Test
    void keysOfEveryShapeComeBackExactlyWhenBuiltBesideReaders() throws Exception {
        MoveFixtures.execute(pg13, pg13.database(), """
                CREATE TABLE "Keyed" (id int PRIMARY KEY, code text, slot int, tag text, note text);
                INSERT INTO "Keyed" SELECT i, 'c' || i, i, CASE WHEN i > 1 THEN 't' || i END, 'n' || i FROM generate_series(1, 3000) i;
                """);
        // Keys are built as a unique index first, then attached with ADD CONSTRAINT ... USING INDEX: every option of
        // the original key must survive that.
        MoveFixtures.execute(pg17, pg17.database(), """
                CREATE TABLE "Keyed" (
                    id int,
                    code text,
                    slot int,
                    tag text,
                    note text,
                    CONSTRAINT "Keyed_pkey" PRIMARY KEY (id) INCLUDE (note) WITH (fillfactor = 70),
                    CONSTRAINT "keyed code" UNIQUE (code) DEFERRABLE INITIALLY DEFERRED,
                    CONSTRAINT keyed_slot_key UNIQUE (slot) DEFERRABLE,
                    CONSTRAINT keyed_tag_key UNIQUE NULLS NOT DISTINCT (tag)
                );
                COMMENT ON CONSTRAINT "keyed code" ON "Keyed" IS 'codes are unique';
                """);
        List<String> before = definitions(pg17, pg17.database());

        MoveResult result = new Move(new Connector()).run(request(pg13.url(), pg17.url(), CheckOptions.defaults(), 2, 10_000),
                CopyProgress.NONE);

        assertThat(result.validation().passed()).isTrue();
        assertThat(result.restored()).isEqualTo(4);
        assertThat(definitions(pg17, pg17.database())).isEqualTo(before);
        assertThat(column(pg17, pg17.database(), """
                SELECT conname || ' deferrable=' || condeferrable || ' deferred=' || condeferred || ' index=' || conindid::regclass
                       || ' primary=' || i.indisprimary || ' immediate=' || i.indimmediate
                  FROM pg_constraint JOIN pg_index i ON i.indexrelid = conindid
                 WHERE conrelid = '"Keyed"'::regclass ORDER BY conname""")).containsExactly(
                "Keyed_pkey deferrable=false deferred=false index=\"Keyed_pkey\" primary=true immediate=true",
                "keyed code deferrable=true deferred=true index=\"keyed code\" primary=false immediate=false",
                "keyed_slot_key deferrable=true deferred=false index=keyed_slot_key primary=false immediate=false",
                "keyed_tag_key deferrable=false deferred=false index=keyed_tag_key primary=false immediate=true");
        assertThat(value(pg17, pg17.database(), "SELECT obj_description(oid, 'pg_constraint') FROM pg_constraint WHERE conname = 'keyed code'"))
                .isEqualTo("codes are unique");
        assertThat(value(pg17, pg17.database(), "SELECT reloptions::text FROM pg_class WHERE relname = 'Keyed_pkey'")).isEqualTo("{fillfactor=70}");
    }

    @Test
    void nonSuperuserOwnerMovesWithTriggersDisabledAndBackOn() throws Exception {
        String source = """
                CREATE TABLE parent (id int PRIMARY KEY, name text);
                CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent, note text);
                INSERT INTO parent SELECT i, 'p' || i FROM generate_series(1, 1000) i;
                INSERT INTO child SELECT i, 1 + i % 1000, 'c' || i FROM generate_series(1, 5000) i;
                """;
        String role = "owner_" + pg17.database();
        String target = source.substring(0, source.indexOf("INSERT")) + """
                CREATE TABLE audit (n int);
                CREATE FUNCTION count_insert() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN INSERT INTO audit VALUES (1); RETURN NEW; END $$;
                CREATE TRIGGER child_audit AFTER INSERT ON child FOR EACH ROW EXECUTE FUNCTION count_insert();
                CREATE INDEX child_note_idx ON child (note);
                CREATE ROLE %1$s LOGIN PASSWORD 'own3r-pass' IN ROLE pgcarry_password_auth;
                GRANT CREATE ON DATABASE %2$s TO %1$s;
                ALTER TABLE parent OWNER TO %1$s;
                ALTER TABLE child OWNER TO %1$s;
                ALTER TABLE audit OWNER TO %1$s;
                """.formatted(role, pg17.database());
        MoveFixtures.execute(pg13, pg13.database(), source);
        MoveFixtures.execute(pg17, pg17.database(), target);
        List<String> before = definitions(pg17, pg17.database());
        // audit is a target table only: nothing to exclude on the source.
        CheckOptions options = new CheckOptions(io.pgcarry.plan.Mapping.EMPTY, io.pgcarry.plan.TableSelection.all(), false, false, true);

        MoveRequest asOwner = request(pg13.url(), pg17.server().url(role, "own3r-pass", pg17.database()), options, 2, 1_000);
        assertThatThrownBy(() -> new Move(new Connector()).run(asOwner, CopyProgress.NONE))
                .isInstanceOf(io.pgcarry.check.ChecksFailedException.class)
                .satisfies(e -> assertThat(((io.pgcarry.check.ChecksFailedException) e).report().problems())
                        .anySatisfy(p -> assertThat(p.code()).isEqualTo(ProblemCode.NO_SCHEMA_CREATE)));
        assertThat(definitions(pg17, pg17.database())).as("nothing touched").isEqualTo(before);
        MoveFixtures.execute(pg17, pg17.database(), "GRANT CREATE ON SCHEMA public TO " + role);
        before = definitions(pg17, pg17.database());

        MoveResult result = new Move(new Connector()).run(asOwner, CopyProgress.NONE);

        assertThat(value(pg17, pg17.database(), "SELECT rolsuper FROM pg_roles WHERE rolname = '" + role + "'")).isEqualTo("f");
        assertThat(result.validation().passed()).isTrue();
        assertThat(result.rows()).isEqualTo(6000);
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM audit")).as("trigger was disabled during the load").isEqualTo("0");
        assertThat(definitions(pg17, pg17.database())).as("trigger enabled again, keys and index back").isEqualTo(before);
        MoveFixtures.execute(pg17, pg17.database(), "INSERT INTO child VALUES (99999, 1, 'after')");
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM audit")).as("trigger fires after the move").isEqualTo("1");
    }

    @Test
    void aRowTheTargetChangesOnArrivalFailsValidationWithItsKey() throws Exception {
        String schema = "CREATE TABLE item (id int PRIMARY KEY, note text);";
        MoveFixtures.execute(pg13, pg13.database(), schema + "INSERT INTO item SELECT i, 'n' || i FROM generate_series(1, 3000) i;");
        MoveFixtures.execute(pg17, pg17.database(), schema + """
                CREATE FUNCTION shout() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.id = 2345 THEN NEW.note := upper(NEW.note); END IF; RETURN NEW; END $$;
                CREATE TRIGGER item_shout BEFORE INSERT ON item FOR EACH ROW EXECUTE FUNCTION shout();
                """);
        MoveRequest full = new MoveRequest(spec(pg13.url()), spec(pg17.url()), CheckOptions.defaults(), 2, 1_000,
                io.pgcarry.verify.ValidationLevel.FULL);

        MoveResult result = new Move(new Connector()).run(full, CopyProgress.NONE);

        io.pgcarry.verify.TableValidation item = result.validation().tables().get(0);
        assertThat(item.passed()).isFalse();
        assertThat(item.sourceFromCopy()).as("the hash summed while copying does not match: the source is read again").isFalse();
        assertThat(item.differences()).singleElement().satisfies(d -> {
            assertThat(d.key()).isEqualTo("id=2345");
            assertThat(d.kind()).isEqualTo(io.pgcarry.verify.RowDifference.CHANGED);
            assertThat(d.columns()).containsExactly("note");
        });
    }

    @Test
    void mappingRenamesComputesAndCasts() throws Exception {
        MoveFixtures.execute(pg13, pg13.database(), """
                CREATE TYPE old_state AS ENUM ('on', 'off');
                CREATE TABLE "Pet" (id int PRIMARY KEY, nickname text, state old_state, code text, qty int, ext text, gone text);
                INSERT INTO "Pet" SELECT i, 'n' || i, CASE WHEN i % 2 = 0 THEN 'on' ELSE 'off' END::old_state,
                       'c' || i, i, md5(i::text)::uuid::text, 'x' FROM generate_series(1, 300) i;
                """);
        MoveFixtures.execute(pg17, pg17.database(), """
                CREATE TYPE "State" AS ENUM ('on', 'off', 'unknown');
                CREATE TABLE animal (id int PRIMARY KEY, "callName" text, state "State", code varchar(10), qty bigint,
                                     ext uuid, origin text NOT NULL);
                """);
        CheckOptions options = new CheckOptions(io.pgcarry.plan.MappingFile.parse("""
                tables:
                  Pet:
                    to: animal
                    columns: {nickname: callName}
                    exclude_columns: [gone]
                    values: {origin: "'v1:' || id"}
                """, "test"), io.pgcarry.plan.TableSelection.all(), false, false, false);

        MoveResult result = new Move(new Connector()).run(request(pg13.url(), pg17.url(), options, 2, 100), CopyProgress.NONE);

        assertThat(result.validation().passed()).isTrue();
        assertThat(result.validation().tables()).singleElement().as("casts and computed values: the source is hashed by the server")
                .satisfies(t -> assertThat(t.sourceFromCopy()).isFalse());
        assertThat(result.check().problems()).anySatisfy(p -> assertThat(p.code()).isEqualTo(ProblemCode.TYPE_CAST));
        assertThat(MoveFixtures.column(pg17, pg17.database(), "SELECT id || ' ' || \"callName\" || ' ' || state || ' ' || code || ' ' || qty "
                + "|| ' ' || ext || ' ' || origin FROM animal WHERE id IN (1, 2) ORDER BY id"))
                .containsExactly("1 n1 off c1 1 c4ca4238-a0b9-2382-0dcc-509a6f75849b v1:1",
                        "2 n2 on c2 2 c81e728d-9d4c-2f63-6f06-7f89cc14862c v1:2");
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM animal")).isEqualTo("300");
    }
}
