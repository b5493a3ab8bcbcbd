package io.pgcarry.rehearse;

import io.pgcarry.lint.LockMode;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.catalog.QualifiedName;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdicts and budgets of measured statements, and which tables probes watch. */
class VerdictsTest {
    private static final HeldLock EXCLUSIVE = new HeldLock("public.orders", "table", "public.orders", LockMode.ACCESS_EXCLUSIVE, false, 0.25);
    private static final HeldLock SHARE = new HeldLock("public.orders", "table", "public.orders", LockMode.SHARE, false, 4.2);

    private static StatementResult statement(List<HeldLock> locks, List<Written> written, long scanned, double heldUntilEnd, Failure failure) {
        return new StatementResult("1.sql", 3, "ALTER TABLE orders ...", true, 0.2, locks, heldUntilEnd, written, 0, scanned, 0, failure,
                null, null, new Verdict(Verdict.Kind.SAFE, "safe"), List.of(), null);
    }

    @Test
    void aStrongLockOnlyForTheCatalogIsSafeButNotWhenTheFileWorksWhileItIsHeld() {
        StatementResult catalogOnly = statement(List.of(EXCLUSIVE), List.of(), 0, 0, null);
        assertThat(Verdicts.of(catalogOnly, false).text()).isEqualTo("safe");
        assertThat(Verdicts.of(statement(List.of(EXCLUSIVE), List.of(), 0, 3.5, null), true).text())
                .isEqualTo("blocks reads and writes 3.5 s, until its file commits");
    }

    @Test
    void writesBlockedRewritesAndFailuresOnDataAreSaidInOneLine() {
        assertThat(Verdicts.of(statement(List.of(SHARE), List.of(), 120, 0, null), true).text()).isEqualTo("blocks writes 4.2 s");
        Written rewritten = new Written("public.orders", "table", true, 1_258_291);
        assertThat(Verdicts.of(statement(List.of(EXCLUSIVE), List.of(rewritten), 120, 0, null), true).text())
                .isEqualTo("rewrites 1.2 MB under ACCESS EXCLUSIVE (blocks reads and writes 250 ms)");
        Failure three = new Failure("23514", "check violated", 3, List.of("id=1", "id=2", "id=3"));
        assertThat(Verdicts.of(statement(List.of(), List.of(), 0, 0, three), true).text()).isEqualTo("fails on data: 3 rows (keys id=1, id=2, id=3)");
        assertThat(Verdicts.of(statement(List.of(), List.of(), 0, 0, new Failure("42P01", "no such table", -1, List.of())), true).text())
                .isEqualTo("fails: no such table");
    }

    @Test
    void aLockOnARelationTheMigrationCreatedBlocksNobody() {
        HeldLock created = new HeldLock("public.shipment", "table", "public.shipment", LockMode.ACCESS_EXCLUSIVE, true, 5);
        assertThat(Verdicts.of(statement(List.of(created), List.of(), 10, 0, null), true).kind()).isEqualTo(Verdict.Kind.SAFE);
    }

    @Test
    void budgetsNameTheLockOrTheRewriteThatExceedsThem() {
        Written rewritten = new Written("public.orders", "table", true, 200L << 20);
        StatementResult s = statement(List.of(SHARE), List.of(rewritten), 10, 0, null);
        assertThat(Verdicts.overBudget(s, Duration.ofSeconds(1), 100L << 20)).containsExactly(
                "holds SHARE on public.orders 4.2 s, over --max-lock 1.0 s", "rewrites 200.0 MB, over --max-rewrite 100.0 MB");
        assertThat(Verdicts.overBudget(s, Duration.ofSeconds(5), null)).isEmpty();
    }

    @Test
    void probesWatchTheExistingTablesTheStatementsNameAsWords() {
        List<QualifiedName> tables = List.of(new QualifiedName("public", "orders"), new QualifiedName("public", "order"),
                new QualifiedName("app", "User"));
        assertThat(StatementTables.mentioned(tables, List.of("ALTER TABLE orders ADD COLUMN x int", "UPDATE app.\"User\" SET a = 1")))
                .containsExactly(new QualifiedName("public", "orders"), new QualifiedName("app", "User"));
    }

    @Test
    void lockModesKnowWhatTheyBlock() {
        assertThat(LockMode.parse("ShareUpdateExclusiveLock").orElse(null)).isEqualTo(LockMode.SHARE_UPDATE_EXCLUSIVE);
        assertThat(LockMode.SHARE_UPDATE_EXCLUSIVE.strong()).isFalse();
        assertThat(LockMode.SHARE.blocks()).isEqualTo("blocks writes");
        assertThat(LockMode.ACCESS_EXCLUSIVE.blocks()).isEqualTo("blocks reads and writes");
    }
}
