package io.pgcarry.move;

import static io.pgcarry.move.MoveFixtures.column;
import static io.pgcarry.move.MoveFixtures.contentOf;
import static io.pgcarry.move.MoveFixtures.definitions;
import static io.pgcarry.move.MoveFixtures.request;
import static io.pgcarry.move.MoveFixtures.script;
import static io.pgcarry.move.MoveFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.check.CheckOptions;
import io.pgcarry.connect.Connector;
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
        for (String table : TABLES) {
            assertThat(contentOf(pg17, pg17.database(), table)).as(table).isEqualTo(contentOf(pg13, pg13.database(), table));
        }
        assertThat(definitions(pg17, pg17.database())).isEqualTo(before);
        assertThat(value(pg17, pg17.database(), "SELECT count(*) FROM pgcarry.move_range WHERE target_name = 'big'"))
                .as("big is split into ranges").isEqualTo("6");
        assertThat(value(pg17, pg17.database(), "SELECT status FROM pgcarry.move_run")).isEqualTo("done");
        assertThat(value(pg17, pg17.database(), "SELECT upper_name FROM \"Animal\" WHERE id = 3")).isEqualTo("ANIMAL 3");
        assertThat(value(pg17, pg17.database(), "INSERT INTO \"Animal\" (\"Name\") VALUES ('new') RETURNING id"))
                .as("identity continues after the copied ids").isEqualTo("2003");
        assertThat(column(pg17, pg17.database(), "SELECT nextval('\"bazaar-vid_exports_order_seq\"')")).containsExactly("3001");
    }
}
