package io.pgcarry.script;

/**
 * One lexical token of a statement, as {@link SqlLexer} cuts it.
 *
 * @param kind  what it is
 * @param text  a word lower-cased; a quoted identifier unquoted with its case; a string's content; a symbol as written
 * @param depth the parenthesis depth it stands at (a parenthesis itself stands at the depth outside it)
 */
public record SqlToken(Kind kind, String text, int depth) {
    public enum Kind {
        /** An unquoted identifier or keyword. */
        WORD,
        /** A double-quoted identifier. */
        QUOTED,
        /** A string literal, dollar-quoted text included. */
        STRING,
        NUMBER,
        SYMBOL
    }

    /** Whether it is the unquoted word {@code word} (lower case). */
    public boolean is(String word) {
        return kind == Kind.WORD && text.equals(word);
    }

    public boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** Whether it can be (part of) a name: an unquoted word or a quoted identifier. */
    public boolean isName() {
        return kind == Kind.WORD || kind == Kind.QUOTED;
    }
}
