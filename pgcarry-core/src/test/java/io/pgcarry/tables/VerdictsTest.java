package io.pgcarry.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictsTest {
    private static final Activity NONE = new Activity(0, 0, 0, 0, 0, null);
    private static final String SINCE = "since the statistics reset";
    private static final ForeignKeyLink SELF = new ForeignKeyLink("public.t.t_parent_fkey", "public.t", "public.t");
    private static final ForeignKeyLink OTHER = new ForeignKeyLink("public.c.c_t_fkey", "public.c", "public.t");
    private static final Dependent VIEW = new Dependent(Dependent.Kind.VIEW, "public.v", Dependent.Evidence.CATALOG, List.of());

    @Test
    void nothingAtAllIsUnusedEvenWithAForeignKeyToItself() {
        Verdicts.Judgement j = Verdicts.judge(NONE, List.of(SELF), List.of(), SINCE);
        assertThat(j.verdict()).isEqualTo(Verdict.UNUSED);
        assertThat(j.reasons()).singleElement().asString().startsWith("no writes and no scans since the statistics reset");
    }

    @Test
    void aForeignKeyFromAnotherTableOrADependentMakesItReferenced() {
        assertThat(Verdicts.judge(NONE, List.of(OTHER), List.of(), SINCE).reasons())
                .containsExactly("referenced by foreign key public.c.c_t_fkey");
        Verdicts.Judgement j = Verdicts.judge(NONE, List.of(), List.of(VIEW), SINCE);
        assertThat(j.verdict()).isEqualTo(Verdict.REFERENCED);
        assertThat(j.reasons()).containsExactly("used by view public.v (pg_depend)");
    }

    @Test
    void scansMakeItReadAndWritesBeatScans() {
        Activity scanned = new Activity(0, 0, 0, 2, 1, Instant.parse("2025-06-01T10:00:00Z"));
        Verdicts.Judgement read = Verdicts.judge(scanned, List.of(OTHER), List.of(), SINCE);
        assertThat(read.verdict()).isEqualTo(Verdict.READ);
        assertThat(read.reasons()).containsExactly(
                "read: 2 sequential scans, 1 index scan since the statistics reset, the last at 2025-06-01T10:00:00Z",
                "referenced by foreign key public.c.c_t_fkey");
        Verdicts.Judgement written = Verdicts.judge(new Activity(0, 0, 1, 0, 0, null), List.of(), List.of(VIEW), SINCE);
        assertThat(written.verdict()).isEqualTo(Verdict.WRITTEN);
        assertThat(written.reasons()).containsExactly("written: 0 rows inserted, 0 updated, 1 deleted since the statistics reset",
                "used by view public.v (pg_depend)");
    }

    @Test
    void aFunctionBodyMentionIsMarkedAsWeakerEvidence() {
        Dependent mention = new Dependent(Dependent.Kind.FUNCTION, "public.f()", Dependent.Evidence.FUNCTION_BODY,
                List.of("t on public.orders", "u on public.items"));
        assertThat(Verdicts.judge(NONE, List.of(), List.of(mention), SINCE).reasons()).containsExactly(
                "mentioned in the body of function public.f(), called by trigger t on public.orders, trigger u on public.items "
                        + "(weaker evidence: its name occurs in the text)");
    }

    @Test
    void verdictsSortWeakestFirst() {
        assertThat(List.of(Verdict.values())).containsExactly(Verdict.UNUSED, Verdict.REFERENCED, Verdict.READ, Verdict.WRITTEN);
    }
}
