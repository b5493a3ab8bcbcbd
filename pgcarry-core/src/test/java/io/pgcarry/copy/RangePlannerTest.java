package io.pgcarry.copy;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.catalog.Column;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.catalog.Table;
import io.pgcarry.plan.TableMove;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the balanced planner splits tables: only where that shortens the copy by the workers. */
class RangePlannerTest {
    private static final long MB = 1L << 20;

    @Test
    void twoBigTablesOfSimilarSizeForTwoWorkersStayWhole() {
        TableMove accounts = table("accounts", 400 * MB, true);
        TableMove payload = table("payload", 270 * MB, true);
        RangePlanner planner = RangePlanner.balanced(List.of(accounts, payload, table("small", MB, true)), 2);
        assertThat(planner.wanted(accounts)).isEqualTo(1);
        assertThat(planner.wanted(payload)).isEqualTo(1);
    }

    @Test
    void oneBigTableAmongSmallOnesIsSplitForTheWorkers() {
        TableMove big = table("big", 1000 * MB, true);
        TableMove small = table("small", 50 * MB, true);
        RangePlanner planner = RangePlanner.balanced(List.of(big, small), 4);
        assertThat(planner.wanted(big)).isBetween(4L, 8L);
        assertThat(planner.wanted(small)).isEqualTo(1);
    }

    @Test
    void moreWorkersSplitTheBiggestOfTwoTables() {
        TableMove accounts = table("accounts", 400 * MB, true);
        TableMove payload = table("payload", 270 * MB, true);
        RangePlanner planner = RangePlanner.balanced(List.of(accounts, payload), 3);
        assertThat(planner.wanted(accounts)).isEqualTo(2);
        assertThat(planner.wanted(payload)).isEqualTo(1);
    }

    @Test
    void oneWorkerNeverSplitsAndNoPieceIsBelow64Megabytes() {
        TableMove big = table("big", 1000 * MB, true);
        assertThat(RangePlanner.balanced(List.of(big), 1).wanted(big)).isEqualTo(1);
        TableMove modest = table("modest", 100 * MB, true);
        assertThat(RangePlanner.balanced(List.of(modest), 8).wanted(modest)).isEqualTo(1);
    }

    @Test
    void aTableWithoutAnIntegerKeyIsNeverSplit() {
        TableMove keyless = table("keyless", 1000 * MB, false);
        assertThat(RangePlanner.balanced(List.of(keyless, table("small", MB, true)), 4).wanted(keyless)).isEqualTo(1);
    }

    @Test
    void explicitRowsSplitByRowsAsBefore() {
        TableMove big = table("big", 10 * MB, true);
        assertThat(new RangePlanner(1_000).wanted(big)).isEqualTo(10);
    }

    private static TableMove table(String name, long bytes, boolean integerKey) {
        Column id = new Column("id", 1, integerKey ? "bigint" : "uuid", new QualifiedName("pg_catalog", integerKey ? "int8" : "uuid"),
                'b', true, false, true, null, null, false, null, null, null);
        return TableMove.identity(new Table(new QualifiedName("public", name), false, "owner", List.of(id), List.of("id"),
                bytes / 1024, bytes));
    }
}
