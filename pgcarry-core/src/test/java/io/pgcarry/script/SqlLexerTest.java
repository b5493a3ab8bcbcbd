package io.pgcarry.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.script.SqlToken.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlLexerTest {
    private static List<String> shown(String sql) {
        return SqlLexer.tokens(sql).stream().map(t -> t.kind() + ":" + t.text() + "@" + t.depth()).toList();
    }

    @Test
    void stringsOfEveryKindAreOneTokenAndTheirPrefixIsNoWord() {
        assertThat(shown("SELECT E'it\\'s', B'101', X'ff', U&'d\\0061t', 'a''b', $f$ x 'y' $f$"))
                .containsExactly("WORD:select@0", "STRING:it's@0", "SYMBOL:,@0", "STRING:101@0", "SYMBOL:,@0", "STRING:ff@0",
                        "SYMBOL:,@0", "STRING:d\\0061t@0", "SYMBOL:,@0", "STRING:a'b@0", "SYMBOL:,@0", "STRING: x 'y' @0");
    }

    @Test
    void namesFollowPostgresCharacterClasses() {
        assertThat(shown("SELECT café, a$$, \"Mixed\"\"Case\", _x1 FROM t1"))
                .containsExactly("WORD:select@0", "WORD:café@0", "SYMBOL:,@0", "WORD:a$$@0", "SYMBOL:,@0", "QUOTED:Mixed\"Case@0",
                        "SYMBOL:,@0", "WORD:_x1@0", "WORD:from@0", "WORD:t1@0");
        // a digit cannot start a dollar tag: $1 is a parameter, not a quote
        assertThat(SqlLexer.tokens("SELECT $1, 1e5, 2.50").stream().map(SqlToken::kind).toList())
                .containsExactly(Kind.WORD, Kind.SYMBOL, Kind.NUMBER, Kind.SYMBOL, Kind.NUMBER, Kind.SYMBOL, Kind.NUMBER);
    }

    @Test
    void commentsVanishNestedAndDepthCountsParentheses() {
        assertThat(shown("a /* one /* two */ still */ (b -- c\n (d));"))
                .containsExactly("WORD:a@0", "SYMBOL:(@0", "WORD:b@1", "SYMBOL:(@1", "WORD:d@2", "SYMBOL:)@1", "SYMBOL:)@0", "SYMBOL:;@0");
    }

    @Test
    void anUnclosedQuoteOrCommentEndsTheText() {
        assertThat(shown("SELECT 'open")).containsExactly("WORD:select@0", "STRING:open@0");
        assertThat(shown("SELECT /* open")).containsExactly("WORD:select@0");
        assertThat(shown("SELECT $q$ open")).containsExactly("WORD:select@0", "STRING: open@0");
    }

    @Test
    void sqlWordsAreTheLexersWordsWithTheirDepth() {
        SqlWords words = SqlWords.of("COPY \"program\" FROM 'program' /* PROGRAM */; BEGIN; SELECT (commit)");
        assertThat(words.has("program")).isFalse();
        assertThat(words.leading(2)).isEqualTo("copy from");
        assertThat(words.topLevelSemicolons()).isEqualTo(2);
        assertThat(words.hasTopLevel("commit")).isFalse();
        assertThat(words.has("commit")).isTrue();
    }
}
