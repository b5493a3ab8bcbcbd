package io.pgcarry.lint;

import io.pgcarry.script.SqlLexer;
import io.pgcarry.script.SqlToken;
import io.pgcarry.script.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokens of one statement that the statement splitter ({@link io.pgcarry.script.SqlScriptReader}) already cut out:
 * words, quoted identifiers, literals and symbols with their parenthesis depth, comments dropped. Unlike
 * {@link io.pgcarry.script.SqlWords} it keeps quoted names and literals, since the rules need the table a statement
 * touches and the expression of a default. It does not parse SQL: the rules read token patterns.
 */
final class Tokens {
    private final List<SqlToken> list;

    private Tokens(List<SqlToken> list) {
        this.list = List.copyOf(list);
    }

    static Tokens of(String sql) {
        return new Tokens(SqlLexer.tokens(sql));
    }

    int size() {
        return list.size();
    }

    SqlToken get(int i) {
        return i >= 0 && i < list.size() ? list.get(i) : new SqlToken(Kind.SYMBOL, "", 0);
    }

    /** Whether the words starting at {@code i} are {@code words} (each an unquoted keyword). */
    boolean at(int i, String... words) {
        for (int k = 0; k < words.length; k++) {
            if (!get(i + k).is(words[k])) {
                return false;
            }
        }
        return true;
    }

    /** The index of the first top-level word {@code word} in {@code [from, to)}, or -1. */
    int find(String word, int from, int to) {
        int depth = get(from).depth();
        for (int i = from; i < Math.min(to, list.size()); i++) {
            if (list.get(i).depth() == depth && list.get(i).is(word)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code word} stands in {@code [from, to)} at the depth of {@code from}. */
    boolean has(String word, int from, int to) {
        return find(word, from, to) >= 0;
    }

    /** The ranges {@code [start, end)} of {@code [from, size)} between the commas at {@code from}'s depth. */
    List<int[]> split(int from) {
        List<int[]> parts = new ArrayList<>();
        int depth = get(from).depth();
        int start = from;
        for (int i = from; i < list.size(); i++) {
            if (list.get(i).depth() == depth && list.get(i).isSymbol(",")) {
                parts.add(new int[] {start, i});
                start = i + 1;
            }
        }
        if (start < list.size()) {
            parts.add(new int[] {start, list.size()});
        }
        return parts;
    }

    /** The index just past the parenthesised group opening at {@code open}. */
    int pastGroup(int open) {
        int depth = get(open).depth();
        for (int i = open + 1; i < list.size(); i++) {
            if (list.get(i).isSymbol(")") && list.get(i).depth() == depth) {
                return i + 1;
            }
        }
        return list.size();
    }

    /** The qualified name starting at {@code i} ({@code name} or {@code schema.name}), or null when none starts there. */
    Named name(int i) {
        if (!get(i).isName()) {
            return null;
        }
        if (get(i + 1).isSymbol(".") && get(i + 2).isName()) {
            return new Named(new TableRef(get(i).text(), get(i + 2).text()), i + 3);
        }
        return new Named(new TableRef(null, get(i).text()), i + 1);
    }

    /** The text of tokens {@code [from, to)} joined by single spaces, for types and messages. */
    String text(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < Math.min(to, list.size()); i++) {
            SqlToken t = list.get(i);
            boolean glue = t.isSymbol("(") || t.isSymbol(")") || t.isSymbol(",") || t.isSymbol(".") || sb.isEmpty()
                    || sb.charAt(sb.length() - 1) == '(' || sb.charAt(sb.length() - 1) == '.';
            if (!glue) {
                sb.append(' ');
            }
            sb.append(t.kind() == Kind.QUOTED ? '"' + t.text() + '"' : t.kind() == Kind.STRING ? "'" + t.text() + "'" : t.text());
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    /** A name and the index just past it. */
    record Named(TableRef ref, int next) {
    }
}
