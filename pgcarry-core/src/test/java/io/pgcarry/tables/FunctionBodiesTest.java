package io.pgcarry.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionBodiesTest {
    @Test
    void aFoldedNameIsFoundInAnyCaseQuotedOrNot() {
        assertThat(FunctionBodies.mentions("insert into Legacy_Metric values (1)", "legacy_metric")).isTrue();
        assertThat(FunctionBodies.mentions("select * from public.\"legacy_metric\"", "legacy_metric")).isTrue();
        assertThat(FunctionBodies.mentions("execute format('delete from %I', 'legacy_metric')", "legacy_metric")).isTrue();
    }

    @Test
    void aNameInsideALongerIdentifierIsNotAMention() {
        assertThat(FunctionBodies.mentions("select * from legacy_metric_old", "legacy_metric")).isFalse();
        assertThat(FunctionBodies.mentions("select * from old_legacy_metric", "legacy_metric")).isFalse();
        assertThat(FunctionBodies.mentions("select * from \"bazaar-vid_metric\"", "metric")).isFalse();
        assertThat(FunctionBodies.mentions("select metric$1 from t", "metric")).isFalse();
    }

    @Test
    void aNameThatNeedsQuotesIsMatchedExactly() {
        assertThat(FunctionBodies.mentions("insert into \"bazaar-vid_metric\" values (1)", "bazaar-vid_metric")).isTrue();
        assertThat(FunctionBodies.mentions("insert into \"Bazaar-vid_metric\" values (1)", "bazaar-vid_metric")).isFalse();
        assertThat(FunctionBodies.mentions("select * from \"Animal\"", "Animal")).isTrue();
        assertThat(FunctionBodies.mentions("select * from animal", "Animal")).isFalse();
    }

    @Test
    void theMentioningFunctionsComeWithTheirTriggers() {
        FunctionBodies bodies = new FunctionBodies(List.of(
                new FunctionBodies.Function("public.f()", "begin insert into audit_log values (1); end", List.of("t on public.orders")),
                new FunctionBodies.Function("public.g()", "select 1", List.of()),
                new FunctionBodies.Function("public.h()", "", List.of())));
        assertThat(bodies.mentioning("audit_log")).containsExactly(new Dependent(Dependent.Kind.FUNCTION, "public.f()",
                Dependent.Evidence.FUNCTION_BODY, List.of("t on public.orders")));
        assertThat(bodies.mentioning("orders")).isEmpty();
    }
}
