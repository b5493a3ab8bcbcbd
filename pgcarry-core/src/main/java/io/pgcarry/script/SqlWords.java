package io.pgcarry.script;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

    /** Splits {@code sql} into its words; an unclosed quote or comment simply ends the text. */
    public static SqlWords of(String sql) {
        List<Word> words = new ArrayList<>();
        int depth = 0;
        int semicolons = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            int skipped = pastQuoteOrComment(sql, i);
            if (skipped > i) {
                i = skipped;
                continue;
            }
            char c = sql.charAt(i);
            if (SqlChars.isIdentifierStart(c)) {
                int start = i;
                while (i < n && SqlChars.isIdentifierPart(sql.charAt(i))) {
                    i++;
                }
                String word = sql.substring(start, i).toLowerCase(Locale.ROOT);
                // E'...' strings: the letter is a prefix, not a word.
                if (!(i < n && sql.charAt(i) == '\'' && (word.equals("e") || word.equals("b") || word.equals("x")))) {
                    words.add(new Word(word, depth));
                }
            } else {
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth = Math.max(0, depth - 1);
                } else if (c == ';' && depth == 0) {
                    semicolons++;
                }
                i++;
            }
        }
        return new SqlWords(words, semicolons);
    }

    /**
     * The index just past the comment, string, quoted identifier or dollar-quoted text that starts at {@code i}, or
     * {@code i} itself when none starts there. Whatever is unclosed runs to the end of the text.
     */
    private static int pastQuoteOrComment(String sql, int i) {
        int n = sql.length();
        char c = sql.charAt(i);
        if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
            int end = sql.indexOf('\n', i);
            return end < 0 ? n : end + 1;
        }
        if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
            return blockCommentEnd(sql, i);
        }
        if (c == '\'') {
            boolean escapes = i > 0 && (sql.charAt(i - 1) == 'e' || sql.charAt(i - 1) == 'E') && (i < 2 || !SqlChars.isIdentifierPart(sql.charAt(i - 2)));
            return quoteEnd(sql, i, '\'', escapes);
        }
        if (c == '"') {
            return quoteEnd(sql, i, '"', false);
        }
        String tag = c == '$' ? dollarTag(sql, i) : null;
        if (tag != null) {
            int end = sql.indexOf(tag, i + tag.length());
            return end < 0 ? n : end + tag.length();
        }
        return i;
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

    private static int blockCommentEnd(String sql, int i) {
        int depth = 0;
        int n = sql.length();
        while (i < n) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    private static int quoteEnd(String sql, int i, char quote, boolean backslashEscapes) {
        int n = sql.length();
        i++;
        while (i < n) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    /** The dollar-quote tag ({@code $$}, {@code $body$}) starting at {@code i}, or null when none starts there. */
    private static String dollarTag(String sql, int i) {
        if (i > 0 && SqlChars.isIdentifierPart(sql.charAt(i - 1))) {
            return null;
        }
        int j = i + 1;
        while (j < sql.length() && SqlChars.isDollarTagPart(sql.charAt(j))) {
            if (j == i + 1 && SqlChars.isDigit(sql.charAt(j))) {
                return null;
            }
            j++;
        }
        return j < sql.length() && sql.charAt(j) == '$' ? sql.substring(i, j + 1) : null;
    }
}
