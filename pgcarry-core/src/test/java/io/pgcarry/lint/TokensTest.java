package io.pgcarry.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.error.ConfigurationException;
import org.junit.jupiter.api.Test;

/** The tokenizer the rules read, and the small parsers beside it. */
class TokensTest {
    @Test
    void commentsStringsAndDollarQuotesDoNotLookLikeKeywords() {
        Tokens t = Tokens.of("UPDATE t SET a = 'where' -- where\n, b = $x$ WHERE $x$ /* WHERE /* nested */ */, c = E'\\' where'");
        assertThat(t.has("where", 0, t.size())).isFalse();
        assertThat(Tokens.of("UPDATE t SET a = 1 WHERE id = 2").has("where", 0, 100)).isTrue();
    }

    @Test
    void quotedNamesKeepTheirCaseAndUnquotedOnesFold() {
        Tokens t = Tokens.of("ALTER TABLE Sales.\"Order\"\"Items\" ADD x int");
        assertThat(t.name(2).ref()).isEqualTo(new TableRef("sales", "Order\"Items"));
        assertThat(t.name(2).ref().sql()).isEqualTo("\"sales\".\"Order\"\"Items\"");
        assertThat(t.name(2).next()).isEqualTo(5);
    }

    @Test
    void splitKeepsCommasInsideParenthesesTogether() {
        Tokens t = Tokens.of("ALTER TABLE t ADD c numeric(10, 2), DROP d");
        assertThat(t.split(3)).hasSize(2);
    }

    @Test
    void typeNamesComparableWithFormatType() {
        assertThat(TypeNames.canonical("varchar(20)")).isEqualTo("character varying(20)");
        assertThat(TypeNames.canonical("decimal(10, 2)")).isEqualTo("numeric(10,2)");
        assertThat(TypeNames.canonical("int8")).isEqualTo("bigint");
        assertThat(TypeNames.canonical("text")).isEqualTo("text");
    }

    @Test
    void sizesAreReadAndShownInUnitsOf1024() {
        assertThat(ByteSize.parse("10MB", "--small-table")).isEqualTo(10L << 20);
        assertThat(ByteSize.parse("500 kB", "--small-table")).isEqualTo(500L << 10);
        assertThat(ByteSize.parse("4096", "--small-table")).isEqualTo(4096);
        assertThat(ByteSize.show(14_900_000)).isEqualTo("14.2 MB");
        assertThatThrownBy(() -> ByteSize.parse("ten", "--small-table")).isInstanceOf(ConfigurationException.class)
                .hasMessage("--small-table must be a size such as 10MB, 500kB or 1GB, got 'ten'");
    }

    @Test
    void lockModesReadThePgLocksSpelling() {
        assertThat(LockMode.parse("ShareRowExclusiveLock")).contains(LockMode.SHARE_ROW_EXCLUSIVE);
        assertThat(LockMode.parse("ACCESS EXCLUSIVE")).contains(LockMode.ACCESS_EXCLUSIVE);
        assertThat(LockMode.SHARE.blocksWrites()).isTrue();
        assertThat(LockMode.SHARE_UPDATE_EXCLUSIVE.blocksWrites()).isFalse();
    }
}
