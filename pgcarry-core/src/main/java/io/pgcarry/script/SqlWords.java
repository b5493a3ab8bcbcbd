package io.pgcarry.script;

import java.util.ArrayList;
import java.util.List;

/**
 * The unquoted words of one SQL statement, lower-cased, with the parenthesis depth each stands at: what is left
 * of a statement once its string literals, quoted identifiers, dollar quotes and comments are set aside. Enough
 * to tell a statement's kind ({@code COPY ... PROGRAM}, {@code BEGIN}, {@code ALTER SYSTEM}) without being fooled
 * by a table named {@code "program"} or a comment that says {@code COMMIT}. It does not parse SQL.
 *
 * @param words the words in order
 * @param topLevelSemicolons semicolons outside quotes, comments and parentheses: more than zero means the text
 *     holds more than one statement
 */
public record SqlWords(List<Word> words, int topLevelSemicolons) {
    /** One unquoted word and the parenthesis depth it stands at (0 at the top). */
    public record Word(String text, int depth) {
    }

    public SqlWords {
        words = List.copyOf(words);
    }

    /** Splits {@code sql} into its words ({@link SqlLexer}); an unclosed quote or comment simply ends the text. */
    public static SqlWords of(String sql) {
        List<Word> words = new ArrayList<>();
        int semicolons = 0;
        for (SqlToken token : SqlLexer.tokens(sql)) {
            if (token.kind() == SqlToken.Kind.WORD) {
                words.add(new Word(token.text(), token.depth()));
            } else if (token.isSymbol(";") && token.depth() == 0) {
                semicolons++;
            }
        }
        return new SqlWords(words, semicolons);
    }

    /** The first {@code count} words at the top level joined by one space, as far as there are that many. */
    public String leading(int count) {
        return String.join(" ", words.stream().filter(w -> w.depth() == 0).limit(count).map(Word::text).toList());
    }

    /** Whether {@code word} stands somewhere at the top level. */
    public boolean hasTopLevel(String word) {
        return words.stream().anyMatch(w -> w.depth() == 0 && w.text().equals(word));
    }

    /** Whether {@code word} stands anywhere, at any depth. */
    public boolean has(String word) {
        return words.stream().anyMatch(w -> w.text().equals(word));
    }
}
