package io.pgcarry.script;

/** The character classes of PostgreSQL's SQL lexer, which psql shares. */
final class SqlChars {
    private SqlChars() {
    }

    /** PostgreSQL's whitespace: space, tab, line feed, carriage return, form feed, vertical tab. */
    static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** A character that can start an unquoted identifier; every non-ASCII character counts as a letter. */
    static boolean isIdentifierStart(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80;
    }

    /** A character that can continue an unquoted identifier; {@code $} can, which is why {@code a$$} is a name. */
    static boolean isIdentifierPart(int c) {
        return isDollarTagPart(c) || c == '$';
    }

    /** A character of a dollar-quote tag after its first: letters, digits and underscore. */
    static boolean isDollarTagPart(int c) {
        return isIdentifierStart(c) || isDigit(c);
    }
}
