package io.pgcarry.lint;

import io.pgcarry.lint.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts one statement into {@link Token}s the way PostgreSQL's lexer does in the cases migrations use: {@code --} and
 * nested block comments, strings with doubled quotes, {@code E'...'} strings with backslash escapes, quoted identifiers,
 * dollar quotes, numbers. An unclosed quote simply ends the text: the statement splitter has already refused those.
 */
final class Lexer {
    private final String sql;
    private final List<Token> tokens = new ArrayList<>();
    private int i;
    private int depth;

    Lexer(String sql) {
        this.sql = sql;
    }

    List<Token> run() {
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
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
            } else if (Character.isLetter(c) || c == '_') {
                word();
            } else if (Character.isDigit(c)) {
                number();
            } else {
                symbol(c);
            }
        }
        return tokens;
    }

    private void add(Kind kind, String text) {
        tokens.add(new Token(kind, text, depth));
    }

    private void word() {
        int start = i;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
            i++;
        }
        String word = sql.substring(start, i).toLowerCase(Locale.ROOT);
        if (i < sql.length() && sql.charAt(i) == '\'' && List.of("e", "b", "x", "u&").contains(word)) {
            add(Kind.STRING, quoted('\'', word.equals("e")));
        } else {
            add(Kind.WORD, word);
        }
    }

    private void number() {
        int start = i;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.' || sql.charAt(i) == '_')) {
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
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            if (j == i + 1 && Character.isDigit(sql.charAt(j))) {
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
