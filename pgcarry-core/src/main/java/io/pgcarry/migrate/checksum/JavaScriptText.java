package io.pgcarry.migrate.checksum;

/** JavaScript's {@code String.prototype.trim}, which Graphile Migrate applies before hashing. */
final class JavaScriptText {
    private JavaScriptText() {
    }

    /** The text without leading and trailing ECMAScript white space and line terminators. */
    static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isTrimmed(text.charAt(start))) {
            start++;
        }
        while (end > start && isTrimmed(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /** ECMAScript WhiteSpace (TAB, VT, FF, ZWNBSP, every space separator) and LineTerminator (LF, CR, LS, PS). */
    private static boolean isTrimmed(char c) {
        return c == '\t' || c == 0x0B || c == '\f' || c == '\uFEFF' || c == '\n' || c == '\r' || c == '\u2028'
                || c == '\u2029' || Character.getType(c) == Character.SPACE_SEPARATOR;
    }
}
