package io.pgcarry.catalog;

import static io.pgcarry.catalog.TornSnapshotIT.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.error.SnapshotChangedException;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which changes committed between a snapshot and its locks {@link SnapshotLocks#protect} finds, and which it lets be. */
class SnapshotChangeIT {
    private static final String TABLES = """
            CREATE TABLE public.t (id int PRIMARY KEY);
            CREATE TABLE public."We ird" (id int);
            CREATE TABLE public.p (id int NOT NULL) PARTITION BY RANGE (id);
            CREATE TABLE public.p1 PARTITION OF public.p FOR VALUES FROM (0) TO (10);
            CREATE TABLE public.p2 PARTITION OF public.p FOR VALUES FROM (10) TO (20);
            INSERT INTO public.t VALUES (1); INSERT INTO public."We ird" VALUES (1); INSERT INTO public.p VALUES (1), (11);
            """;
    private static final QualifiedName T = new QualifiedName("public", "t");
    private static final QualifiedName WEIRD = new QualifiedName("public", "We ird");
    private static final QualifiedName P = new QualifiedName("public", "p");

    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void aTruncatedTableListedTwiceIsNamedOnce(int major) throws Exception {
        assertThat(changedAfter(major, "TRUNCATE public.t", List.of(T, WEIRD, T, P))).containsExactly("public.t");
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void aTruncatedPartitionIsFoundThroughItsRoot(int major) throws Exception {
        assertThat(changedAfter(major, "TRUNCATE public.p2", List.of(T, WEIRD, P))).containsExactly("public.p");
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void aRewriteAndAReplacementAreFound(int major) throws Exception {
        assertThat(changedAfter(major, """
                VACUUM FULL public."We ird";
                ALTER TABLE public.t RENAME TO t_old; CREATE TABLE public.t (id int PRIMARY KEY);
                """, List.of(T, WEIRD, P))).containsExactly("public.t", "public.\"We ird\"");
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void rowsChangedTheMvccWayAreNotAChange(int major) throws Exception {
        assertThat(changedAfter(major, "DELETE FROM public.t; INSERT INTO public.p VALUES (2); VACUUM public.t; ANALYZE",
                List.of(T, WEIRD, P))).isEmpty();
    }

    /** Takes a snapshot, lets another session run {@code change}, then protects {@code tables}: what it names. */
    private static List<String> changedAfter(int major, String change, List<QualifiedName> tables) throws Exception {
        PostgresExtension pg = major == 13 ? pg13 : pg17;
        execute(pg, pg.database(), TABLES);
        try (Connection c = pg.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            s.execute("SELECT 1");
            for (String statement : change.split(";")) {
                if (!statement.isBlank()) {
                    execute(pg, pg.database(), statement);
                }
            }
            try {
                SnapshotLocks.protect(c, tables, null, "the source");
                return List.of();
            } catch (SnapshotChangedException e) {
                assertThat(e).hasMessageStartingWith("the source: table").hasMessageContaining("truncated or rewritten");
                assertThatCode(() -> s.execute("SELECT 1")).as("the transaction is still usable").doesNotThrowAnyException();
                return e.tables();
            }
        }
    }
}
