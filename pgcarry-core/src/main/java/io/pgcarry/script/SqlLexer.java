package io.pgcarry.script;

import io.pgcarry.script.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts SQL text into {@link SqlToken}s the way PostgreSQL's lexer does, for pgcarry's every reading of SQL it did not
 * write ({@link SqlWords}, {@code lint}): {@code --} and nested block comments, strings with doubled quotes,
 * {@code E'...'} strings with backslash escapes, {@code B''}, {@code X''} and {@code U&''} strings, quoted identifiers,
 * dollar quotes, numbers, with PostgreSQL's character classes ({@link SqlChars}: any non-ASCII character is a letter).
 * An unclosed quote or comment simply ends the text. It does not parse SQL.
 */
public final class SqlLexer {
    private final String sql;
    private final List<SqlToken> tokens = new ArrayList<>();
    private int i;
    private int depth;

    private SqlLexer(String sql) {
        this.sql = sql;
    }

    /** The tokens of {@code sql}, in order; comments and whitespace are left out. */
    public static List<SqlToken> tokens(String sql) {
        return new SqlLexer(sql).run();
    }

    private List<SqlToken> run() {
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (SqlChars.isSpace(c)) {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end + 1;
            } else if (sql.startsWith("/*", i)) {
                blockComment();
            } else if (c == '\'') {
                add(Kind.STRING, quoted('\'', false));
            } else if (c == '"') {
                add(Kind.QUOTED, quoted('"', false));
            } else if (c == '$' && dollarTag() != null) {
                dollar(dollarTag());
            } else if (SqlChars.isIdentifierStart(c)) {
                word();
            } else if (SqlChars.isDigit(c)) {
                number();
            } else {
                symbol(c);
            }
        }
        return tokens;
    }

    private void add(Kind kind, String text) {
        tokens.add(new SqlToken(kind, text, depth));
    }

    private void word() {
        int start = i;
        while (i < sql.length() && SqlChars.isIdentifierPart(sql.charAt(i))) {
            i++;
        }
        String word = sql.substring(start, i).toLowerCase(Locale.ROOT);
        if (word.equals("u") && sql.startsWith("&'", i)) {
            i++; // U&'...': the string's prefix, not a word (its escapes are not backslashes)
            add(Kind.STRING, quoted('\'', false));
        } else if (i < sql.length() && sql.charAt(i) == '\'' && List.of("e", "b", "x").contains(word)) {
            add(Kind.STRING, quoted('\'', word.equals("e")));
        } else {
            add(Kind.WORD, word);
        }
    }

    private void number() {
        int start = i;
        while (i < sql.length() && (SqlChars.isDollarTagPart(sql.charAt(i)) || sql.charAt(i) == '.')) {
            i++;
        }
        add(Kind.NUMBER, sql.substring(start, i));
    }

    private void symbol(char c) {
        if (c == '(') {
            add(Kind.SYMBOL, "(");
            depth++;
        } else if (c == ')') {
            depth = Math.max(0, depth - 1);
            add(Kind.SYMBOL, ")");
        } else if (sql.startsWith("::", i)) {
            add(Kind.SYMBOL, "::");
            i++;
        } else {
            add(Kind.SYMBOL, String.valueOf(c));
        }
        i++;
    }

    /** The content of the quoted text starting at {@code i}, its doubled quotes made single; moves past it. */
    private String quoted(char quote, boolean backslashes) {
        StringBuilder sb = new StringBuilder();
        i++;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashes && c == '\\' && i + 1 < sql.length()) {
                sb.append(sql.charAt(i + 1));
                i += 2;
            } else if (c == quote && i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                sb.append(quote);
                i += 2;
            } else if (c == quote) {
                i++;
                return sb.toString();
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    private String dollarTag() {
        int j = i + 1;
        while (j < sql.length() && SqlChars.isDollarTagPart(sql.charAt(j))) {
            if (j == i + 1 && SqlChars.isDigit(sql.charAt(j))) {
                return null;
            }
            j++;
        }
        return j < sql.length() && sql.charAt(j) == '$' ? sql.substring(i, j + 1) : null;
    }

    private void dollar(String tag) {
        int end = sql.indexOf(tag, i + tag.length());
        int stop = end < 0 ? sql.length() : end;
        add(Kind.STRING, sql.substring(i + tag.length(), stop));
        i = end < 0 ? sql.length() : end + tag.length();
    }

    private void blockComment() {
        int nesting = 0;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                nesting++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                nesting--;
                i += 2;
                if (nesting == 0) {
                    return;
                }
            } else {
                i++;
            }
        }
    }
}
