package io.pgcarry.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.error.ConfigurationException;
import org.junit.jupiter.api.Test;

class TablePatternTest {
    private static boolean matches(String pattern, String schema, String name) {
        return TablePattern.parse(pattern).matches(new QualifiedName(schema, name));
    }

    @Test
    void doubledQuoteInsideQuotesIsOneQuote() {
        assertThat(matches("\"we\"\"ird\"", "public", "we\"ird")).isTrue();
        assertThat(matches("\"we\"\"ird\"", "public", "weird")).isFalse();
        assertThat(matches("\"we\"\"ird\"", "public", "we\"\"ird")).isFalse();
    }

    @Test
    void quotedTextKeepsItsCaseAndTakesDotsStarsAndQuestionMarksLiterally() {
        assertThat(matches("\"Mixed.Case\"", "public", "Mixed.Case")).isTrue();
        assertThat(matches("\"Mixed.Case\"", "Mixed", "Case")).isFalse();
        assertThat(matches("\"Mixed.Case\"", "public", "mixed.case")).isFalse();
        assertThat(matches("\"a*\"", "public", "a*")).isTrue();
        assertThat(matches("\"a*\"", "public", "ab")).isFalse();
        assertThat(matches("\"a?\"", "public", "ab")).isFalse();
        assertThat(matches("\"animal\"", "public", "Animal")).as("quoted lower case is exact").isFalse();
    }

    @Test
    void dotOutsideQuotesSeparatesSchemaFromTable() {
        assertThat(matches("public.\"Animal\"", "public", "Animal")).isTrue();
        assertThat(matches("public.\"Animal\"", "PUBLIC", "Animal")).as("unquoted lower case ignores case").isTrue();
        assertThat(matches("public.\"Animal\"", "public", "animal")).isFalse();
        assertThat(matches("public.\"Animal\"", "sales", "Animal")).isFalse();
        assertThat(matches("\"my schema\".t*", "my schema", "t1")).isTrue();
        assertThat(matches("\"my schema\".t*", "my schema", "T1")).isTrue();
        assertThat(matches("\"my schema\".t*", "my", "t1")).isFalse();
        assertThat(matches("\"my schema\".t*", "public", "t1")).isFalse();
    }

    @Test
    void patternWithoutSchemaMatchesTheTableNameInAnySchema() {
        assertThat(matches("Party", "sales", "Party")).isTrue();
        assertThat(matches("Party", "sales", "party")).as("unquoted capitals keep their case").isFalse();
        assertThat(matches("pub*", "public", "x")).as("a star never reaches into the schema").isFalse();
        assertThat(matches("a?c", "public", "abc")).isTrue();
        assertThat(matches("a.b", "public", "a.b")).as("an unquoted dot is the separator").isFalse();
        assertThat(matches("a.b", "a", "b")).isTrue();
        assertThat(matches("*", "public", "line\nbreak")).isTrue();
    }

    @Test
    void mixedQuotedAndUnquotedTextInOnePart() {
        assertThat(matches("audit_\"X\"*", "public", "audit_X1")).isTrue();
        assertThat(matches("audit_\"X\"*", "public", "AUDIT_X1")).isTrue();
        assertThat(matches("audit_\"X\"*", "public", "audit_x1")).isFalse();
    }

    @Test
    void malformedPatternsAreRefusedNamingThem() {
        assertThatThrownBy(() -> TablePattern.parse("\"open")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'\"open'").hasMessageContaining("never closed");
        assertThatThrownBy(() -> TablePattern.parse("a.b.c")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'a.b.c'").hasMessageContaining("more than one dot");
        assertThatThrownBy(() -> TablePattern.parse("public.")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> new TableSelection(java.util.List.of("\"x"), java.util.List.of()))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> MappingFile.parse("exclude: ['a.b.c']", "test")).isInstanceOf(ConfigurationException.class);
    }
}
