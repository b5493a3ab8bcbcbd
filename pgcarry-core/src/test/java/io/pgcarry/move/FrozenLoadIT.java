package io.pgcarry.move;

import static io.pgcarry.move.MoveFixtures.contentOf;
import static io.pgcarry.move.MoveFixtures.definitions;
import static io.pgcarry.move.MoveFixtures.execute;
import static io.pgcarry.move.MoveFixtures.request;
import static io.pgcarry.move.MoveFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.check.CheckOptions;
import io.pgcarry.connect.Connector;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.copy.FrozenLoad;
import io.pgcarry.embedded.junit.PostgresExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A table copied whole is loaded with COPY FREEZE after a TRUNCATE in the copy's own transaction, and only where that
 * truncation can lose nothing and reach nothing beyond the table. PostgreSQL 14 and later mark the pages a frozen load
 * fills as all-visible, which ANALYZE then counts in {@code relallvisible} (a plain load leaves none before a vacuum):
 * that is how the tests see a frozen load on 17.
 */
class FrozenLoadIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final QualifiedName ITEM = new QualifiedName("public", "item");

    @Test
    void aTableCopiedWholeLoadsFrozenAndOneSplitIntoRangesDoesNot() throws Exception {
        String schema = """
                CREATE TABLE whole (id int PRIMARY KEY, note text);
                CREATE TABLE split (id int PRIMARY KEY, whole_id int REFERENCES whole, note text);
                """;
        execute(pg13, pg13.database(), schema + """
                INSERT INTO whole SELECT i, repeat('w', 100) FROM generate_series(1, 5000) i;
                INSERT INTO split SELECT i, 1 + i % 5000, repeat('s', 100) FROM generate_series(1, 20000) i;
                ANALYZE;
                """);
        execute(pg17, pg17.database(), schema);
        List<String> before = definitions(pg17, pg17.database());
        // Tables above twice 8,000 rows are split: 'split' into ranges, 'whole' copied in one piece.
        MoveResult result = new Move(new Connector()).run(request(pg13.url(), pg17.url(), CheckOptions.defaults(), 2, 8_000),
                CopyProgress.NONE);

        assertThat(result.validation().passed()).isTrue();
        assertThat(result.tables()).filteredOn(t -> t.table().equals("public.split")).singleElement()
                .extracting(TableResult::ranges).isEqualTo(2);
        assertThat(allVisible("whole")).as("whole was loaded frozen").isTrue();
        assertThat(allVisible("split")).as("split was loaded by two transactions, not frozen").isFalse();
        assertThat(definitions(pg17, pg17.database())).isEqualTo(before);
        for (String table : List.of("whole", "split")) {
            assertThat(contentOf(pg17, pg17.database(), table)).isEqualTo(contentOf(pg13, pg13.database(), table));
        }
    }

    @Test
    void anEmptyPlainTableIsTruncatedAndTakesCopyFreeze() throws Exception {
        execute(pg13, pg13.database(), "CREATE TABLE item (id int PRIMARY KEY)");
        execute(pg17, pg17.database(), "CREATE TABLE item (id int PRIMARY KEY)");
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            try (Connection c = pg.connect()) {
                c.setAutoCommit(false);
                assertThat(FrozenLoad.prepare(c, ITEM)).as(pg.url()).isTrue();
                try (Statement s = c.createStatement()) {
                    // Fails unless the table was truncated in this very transaction.
                    s.execute("COPY item FROM PROGRAM 'seq 1 3' (FREEZE)");
                }
                c.commit();
            }
            assertThat(value(pg, pg.database(), "SELECT count(*) FROM item")).isEqualTo("3");
        }
    }

    @Test
    void rowsWrittenSinceTheCheckAreNeverTruncated() throws Exception {
        execute(pg17, pg17.database(), "CREATE TABLE item (id int PRIMARY KEY); INSERT INTO item VALUES (1), (2)");
        assertThat(prepared()).isFalse();
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM item")).isEqualTo("2");
    }

    @Test
    void aTableReferencedByAnotherTablesForeignKeyIsNotTruncated() throws Exception {
        execute(pg17, pg17.database(), "CREATE TABLE item (id int PRIMARY KEY); CREATE TABLE other (item_id int REFERENCES item)");
        assertThat(prepared()).isFalse();
    }

    @Test
    void aTruncateTriggerIsNeverFired() throws Exception {
        execute(pg17, pg17.database(), """
                CREATE TABLE item (id int PRIMARY KEY);
                CREATE TABLE audit (what text);
                CREATE FUNCTION note_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN INSERT INTO audit VALUES (TG_OP); RETURN NULL; END $$;
                CREATE TRIGGER item_truncated AFTER TRUNCATE ON item FOR EACH STATEMENT EXECUTE FUNCTION note_truncate();
                """);
        assertThat(prepared()).isFalse();
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM audit")).isEqualTo("0");
        execute(pg17, pg17.database(), "ALTER TABLE item DISABLE TRIGGER item_truncated");
        assertThat(prepared()).as("a disabled trigger does not fire").isTrue();
    }

    @Test
    void aDatabaseThatPublishesTruncatesIsNotTruncatedIn() throws Exception {
        execute(pg17, pg17.database(), "CREATE TABLE item (id int PRIMARY KEY); CREATE TABLE other (id int)");
        execute(pg17, pg17.database(), "SET client_min_messages = error; CREATE PUBLICATION everything_else FOR TABLE other");
        assertThat(prepared()).as("subscribers would apply the truncation to their own copies").isFalse();
        execute(pg17, pg17.database(), "ALTER PUBLICATION everything_else SET (publish = 'insert, update, delete')");
        assertThat(prepared()).isTrue();
    }

    @Test
    void partitionedTablesRowSecurityAndMissingTruncateRightsAreLoadedPlainly() throws Exception {
        execute(pg17, pg17.database(), """
                CREATE TABLE item (id int) PARTITION BY RANGE (id);
                CREATE TABLE item_low PARTITION OF item FOR VALUES FROM (0) TO (100);
                CREATE TABLE secured (id int);
                ALTER TABLE secured ENABLE ROW LEVEL SECURITY;
                CREATE TABLE granted (id int);
                """);
        assertThat(prepared()).as("partitioned").isFalse();
        assertThat(prepared(new QualifiedName("public", "secured"))).as("row-level security").isFalse();
        String role = "loader_" + pg17.database();
        execute(pg17, pg17.database(), "CREATE ROLE " + role + "; GRANT INSERT, SELECT ON granted TO " + role);
        try (Connection c = pg17.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET ROLE " + role);
            }
            assertThat(FrozenLoad.prepare(c, new QualifiedName("public", "granted"))).as("no TRUNCATE right").isFalse();
            c.rollback();
        }
    }

    private boolean prepared() throws Exception {
        return prepared(ITEM);
    }

    /** Runs the preparation and rolls it back, as a failed copy would. */
    private boolean prepared(QualifiedName table) throws Exception {
        try (Connection c = pg17.connect()) {
            c.setAutoCommit(false);
            boolean truncated = FrozenLoad.prepare(c, table);
            c.rollback();
            return truncated;
        }
    }

    private boolean allVisible(String table) throws Exception {
        return "t".equals(value(pg17, pg17.database(),
                "SELECT relallvisible > 0 FROM pg_class WHERE oid = '" + table + "'::regclass"));
    }
}
