package io.pgcarry.move;

import static io.pgcarry.move.MoveFixtures.column;
import static io.pgcarry.move.MoveFixtures.contentOf;
import static io.pgcarry.move.MoveFixtures.execute;
import static io.pgcarry.move.MoveFixtures.request;
import static io.pgcarry.move.MoveFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.report.ProblemCode;
import io.pgcarry.check.CheckOptions;
import io.pgcarry.check.ChecksFailedException;
import io.pgcarry.connect.Connector;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.error.DatabaseException;
import io.pgcarry.report.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A move into an existing schema brings back exactly what it set aside (issue 16): NOT VALID checks an inheritance tree
 * shares, whose rows the source legitimately holds against them (set aside on the table that declares them, through the
 * journal, so that an abort or a resume puts them back too); the comments of the indexes of the keys it rebuilt; foreign
 * keys referencing a partitioned table, whose piece for each partition comes back valid.
 */
class MoveFidelityIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    /**
     * The regression database's shape (a child declaring the check valid, its parent NOT VALID over a row that breaks it),
     * and a child that holds only its parent's NOT VALID copy, over a row that breaks it.
     */
    private static final String TREES = """
            CREATE TABLE invalid_check_con (f1 int);
            CREATE TABLE invalid_check_con_child () INHERITS (invalid_check_con);
            ALTER TABLE invalid_check_con_child ADD CONSTRAINT inh_check_constraint CHECK (f1 > 0);
            CREATE TABLE p2 (v int);
            CREATE TABLE k2 () INHERITS (p2);
            CREATE TABLE other (id int PRIMARY KEY, x int);
            """;
    private static final String ROWS = """
            INSERT INTO invalid_check_con VALUES (0);
            INSERT INTO invalid_check_con_child VALUES (5);
            INSERT INTO k2 VALUES (-1);
            INSERT INTO p2 VALUES (3);
            INSERT INTO other SELECT g, g FROM generate_series(1, 2000) g;
            """;
    private static final String NOT_VALID_CHECKS = """
            ALTER TABLE invalid_check_con ADD CONSTRAINT inh_check_constraint CHECK (f1 > 0) NOT VALID;
            ALTER TABLE p2 ADD CONSTRAINT p2_pos CHECK (v > 0) NOT VALID;
            """;
    /** Every check with how it is inherited. */
    private static final String CHECKS = """
            SELECT conrelid::regclass || '.' || conname || ' valid=' || convalidated || ' local=' || conislocal || ' inherited='
                   || coninhcount FROM pg_constraint WHERE contype = 'c' AND conrelid <> 0 AND connamespace = 'public'::regnamespace ORDER BY 1""";

    @Test
    void aNotValidCheckATreeSharesIsSetAsideWhenTheSourceHoldsItNotValidToo() throws Exception {
        execute(pg13, pg13.database(), TREES + ROWS + NOT_VALID_CHECKS);
        execute(pg17, pg17.database(), TREES + NOT_VALID_CHECKS);
        List<String> before = column(pg17, pg17.database(), CHECKS);

        MoveResult result = new Move(new Connector()).run(request(pg13.url(), pg17.url(), CheckOptions.defaults(), 2, 0), CopyProgress.NONE);

        assertThat(result.check().problems()).filteredOn(p -> p.code() == ProblemCode.CHECK_NOT_VALID_CARRIED).extracting(Problem::object)
                .containsExactlyInAnyOrder("public.invalid_check_con.inh_check_constraint", "public.k2.p2_pos");
        assertThat(result.validation().passed()).as("validation %s", result.validation()).isTrue();
        assertThat(result.schema().passed()).as("%s", result.schema()).isTrue();
        for (String table : List.of("ONLY invalid_check_con", "invalid_check_con_child", "ONLY p2", "k2", "other")) {
            assertThat(contentOf(pg17, pg17.database(), table)).as(table).isEqualTo(contentOf(pg13, pg13.database(), table));
        }
        assertThat(column(pg17, pg17.database(), CHECKS)).isEqualTo(before).contains(
                "invalid_check_con.inh_check_constraint valid=false local=true inherited=0",
                "invalid_check_con_child.inh_check_constraint valid=true local=true inherited=1",
                "k2.p2_pos valid=false local=false inherited=1");
    }

    @Test
    void aValidTargetCheckStillStopsTheMoveNamingTheRows() throws Exception {
        execute(pg17, pg17.database(), TREES + ROWS + NOT_VALID_CHECKS);
        execute(pg13, pg13.database(), TREES + "ALTER TABLE invalid_check_con ADD CONSTRAINT inh_check_constraint CHECK (f1 > 0);"
                + "ALTER TABLE p2 ADD CONSTRAINT p2_pos CHECK (v > 0) NOT VALID;");

        assertThatThrownBy(() -> new Move(new Connector()).run(request(pg17.url(), pg13.url(), CheckOptions.defaults(), 2, 0),
                CopyProgress.NONE)).isInstanceOfSatisfying(ChecksFailedException.class, e ->
                assertThat(e.report().problems()).filteredOn(p -> p.code() == ProblemCode.CHECK_VIOLATION).singleElement().satisfies(p -> {
                    assertThat(p.object()).isEqualTo("public.invalid_check_con.inh_check_constraint");
                    assertThat(p.affectedRows()).isEqualTo(1);
                }));
        assertThat(value(pg13, pg13.database(), "SELECT count(*) FROM pg_namespace WHERE nspname = 'pgcarry'")).isEqualTo("0");
    }

    @Test
    void anAbortAndAResumeBringTheSetAsideChecksBack() throws Exception {
        String failing = "CREATE DOMAIN small AS int CHECK (VALUE < 1500);";
        execute(pg13, pg13.database(), TREES + ROWS + NOT_VALID_CHECKS);
        execute(pg17, pg17.database(), failing + TREES.replace("x int", "x small") + NOT_VALID_CHECKS);
        List<String> before = column(pg17, pg17.database(), CHECKS);

        assertThatThrownBy(() -> new Move(new Connector()).run(request(pg13.url(), pg17.url(), CheckOptions.defaults(), 2, 0),
                CopyProgress.NONE)).isInstanceOf(DatabaseException.class).hasMessageContaining("small_check");
        assertThat(column(pg17, pg17.database(), CHECKS)).as("set aside while the run is unfinished")
                .noneMatch(c -> c.contains("p2_pos") || c.startsWith("invalid_check_con.inh_check_constraint"));

        MoveJournal.AbortResult aborted = new MoveJournal(new Connector()).abort(MoveFixtures.spec(pg17.url()), 2, p -> { });
        assertThat(aborted.passed()).as("%s", aborted.schema()).isTrue();
        assertThat(column(pg17, pg17.database(), CHECKS)).isEqualTo(before);

        assertThatThrownBy(() -> new Move(new Connector()).run(request(pg13.url(), pg17.url(), CheckOptions.defaults(), 2, 0),
                CopyProgress.NONE)).isInstanceOf(DatabaseException.class);
        execute(pg17, pg17.database(), "ALTER DOMAIN small DROP CONSTRAINT small_check");
        MoveResult resumed = new Move(new Connector()).resume(request(pg13.url(), pg17.url(), CheckOptions.defaults(), 2, 0),
                CopyProgress.NONE);
        assertThat(resumed.validation().passed()).as("validation %s", resumed.validation()).isTrue();
        assertThat(resumed.schema().passed()).as("%s", resumed.schema()).isTrue();
        assertThat(column(pg17, pg17.database(), CHECKS)).isEqualTo(before);
        assertThat(contentOf(pg17, pg17.database(), "ONLY invalid_check_con")).isEqualTo(contentOf(pg13, pg13.database(), "ONLY invalid_check_con"));
    }

    @Test
    void rebuiltKeysKeepTheCommentsOfTheirIndexes() throws Exception {
        String schema = """
                CREATE TABLE keyed (id int PRIMARY KEY, code text UNIQUE, note text);
                COMMENT ON INDEX keyed_pkey IS 'the key''s index';
                COMMENT ON INDEX keyed_code_key IS 'codes';
                COMMENT ON CONSTRAINT keyed_pkey ON keyed IS 'the key';
                """;
        execute(pg17, pg17.database(), schema + "INSERT INTO keyed SELECT g, 'c' || g, 'n' FROM generate_series(1, 1000) g;");
        execute(pg13, pg13.database(), schema);
        String comments = """
                SELECT string_agg(c.relname || '=' || coalesce(obj_description(c.oid, 'pg_class'), '-'), ', ' ORDER BY c.relname)
                       || ' ' || obj_description((SELECT oid FROM pg_constraint WHERE conname = 'keyed_pkey'), 'pg_constraint')
                  FROM pg_class c WHERE c.relname IN ('keyed_pkey', 'keyed_code_key')""";

        MoveResult result = new Move(new Connector()).run(request(pg17.url(), pg13.url(), CheckOptions.defaults(), 2, 0), CopyProgress.NONE);

        assertThat(result.restored()).as("the keys were set aside and rebuilt").isEqualTo(2);
        assertThat(result.validation().passed()).isTrue();
        assertThat(value(pg13, pg13.database(), comments)).isEqualTo("keyed_code_key=codes, keyed_pkey=the key's index the key");
    }

    @Test
    void foreignKeysReferencingAPartitionedTableComeBackValidInEveryPiece() throws Exception {
        String schema = """
                CREATE TABLE droppk (a int PRIMARY KEY) PARTITION BY RANGE (a);
                CREATE TABLE droppk1 PARTITION OF droppk FOR VALUES FROM (0) TO (1000);
                CREATE TABLE droppk_d PARTITION OF droppk DEFAULT;
                CREATE TABLE droppk2 PARTITION OF droppk FOR VALUES FROM (1000) TO (2000) PARTITION BY RANGE (a);
                CREATE TABLE droppk21 PARTITION OF droppk2 FOR VALUES FROM (1000) TO (1400);
                CREATE TABLE droppk2_d PARTITION OF droppk2 DEFAULT;
                CREATE TABLE dropfk (a int REFERENCES droppk);
                CREATE TABLE fkparted (id int, a int) PARTITION BY LIST (id);
                CREATE TABLE fkparted1 PARTITION OF fkparted FOR VALUES IN (1);
                ALTER TABLE fkparted1 ADD CONSTRAINT fkparted1_a_fkey FOREIGN KEY (a) REFERENCES droppk;
                """;
        String pieces = """
                SELECT k.conrelid::regclass || '.' || k.conname || '->' || k.confrelid::regclass || ' valid=' || k.convalidated
                       || coalesce(' under ' || p.conname, '')
                  FROM pg_constraint k LEFT JOIN pg_constraint p ON p.oid = k.conparentid
                 WHERE k.contype = 'f' ORDER BY 1""";
        execute(pg13, pg13.database(), schema + """
                INSERT INTO droppk VALUES (1), (1000), (1500), (2000);
                INSERT INTO dropfk VALUES (1), (1000), (1500), (2000);
                INSERT INTO fkparted VALUES (1, 1500);
                """);
        execute(pg17, pg17.database(), schema);
        List<String> before = column(pg17, pg17.database(), pieces);

        MoveResult result = new Move(new Connector()).run(request(pg13.url(), pg17.url(), CheckOptions.defaults(), 2, 0), CopyProgress.NONE);

        assertThat(result.schema().passed()).as("%s", result.schema()).isTrue();
        assertThat(result.validation().passed()).as("validation %s", result.validation()).isTrue();
        assertThat(column(pg17, pg17.database(), pieces)).isEqualTo(before).isEqualTo(column(pg13, pg13.database(), pieces))
                .contains("dropfk.dropfk_a_fkey3->droppk21 valid=true under dropfk_a_fkey2", "fkparted1.fkparted1_a_fkey1->droppk1 valid=true under fkparted1_a_fkey")
                .noneMatch(p -> p.contains("valid=false"));
    }
}
