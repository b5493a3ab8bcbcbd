package io.pgcarry.script;

import static io.pgcarry.script.ScriptInput.END;

/**
 * Splits off one statement the way psql does. A semicolon ends the statement unless it is inside a quoted
 * string, quoted identifier, dollar quote, comment, parentheses (multi-action rules) or an SQL-standard function
 * body; everything between is kept as written.
 */
final class StatementScanner {
    /** A scanned statement, without its semicolon and trailing whitespace. */
    record Scanned(String sql, int line, boolean copyFromStdin) {
    }

    /** Past this size the text buffer is dropped after use, so one huge statement does not pin its memory. */
    private static final int RETAINED_CAPACITY = 1 << 20;

    private final ScriptInput input;
    private final StatementWords words = new StatementWords();
    private StringBuilder text = new StringBuilder();
    private int parenDepth;
    private boolean hasTokens;

    StatementScanner(ScriptInput input) {
        this.input = input;
    }

    /**
     * Scans from the current character, which must not be whitespace, up to and including the terminating
     * semicolon or the end of the script. Returns null when there was nothing but comments: before a semicolon,
     * the end of the script, or a backslash, which is left unread for the caller to take as a meta-command.
     */
    Scanned scan() {
        if (text.capacity() > RETAINED_CAPACITY) {
            text = new StringBuilder();
        }
        text.setLength(0);
        words.reset();
        parenDepth = 0;
        hasTokens = false;
        int line = input.line();
        while (true) {
            int c = input.peek();
            if (c == END || c == ';' && parenDepth == 0 && !words.insideRoutineBody()) {
                input.read();
                return hasTokens ? new Scanned(withoutTrailingSpace(), line, words.isCopyFromStdin()) : null;
            }
            if (c == '\\') {
                if (!hasTokens) {
                    return null;
                }
                throw input.error("backslash at line " + input.line() + " inside the statement starting at line "
                        + line + "; psql meta-commands are only supported between statements");
            }
            scanElement(c);
        }
    }

    private void scanElement(int c) {
        if (SqlChars.isSpace(c)) {
            appendNext();
        } else if (c == '-' && input.peek(1) == '-') {
            lineComment();
        } else if (c == '/' && input.peek(1) == '*') {
            blockComment();
        } else {
            hasTokens = true;
            scanToken(c);
        }
    }

    private void scanToken(int c) {
        if (c == '\'') {
            quoted('\'', false, "quoted string");
        } else if (c == '"') {
            quoted('"', false, "quoted identifier");
        } else if (c == '$') {
            dollar();
        } else if (SqlChars.isIdentifierStart(c)) {
            word();
        } else if (SqlChars.isDigit(c)) {
            // a number such as 1e5, 0x1F or 1_000; it never takes a $, so 1$$x$$ is a number and a dollar quote
            while (SqlChars.isDollarTagPart(input.peek())) {
                appendNext();
            }
        } else {
            parenDepth += c == '(' ? 1 : c == ')' && parenDepth > 0 ? -1 : 0;
            appendNext();
        }
    }

    private void word() {
        int start = text.length();
        while (SqlChars.isIdentifierPart(input.peek())) {
            appendNext();
        }
        boolean escapeStringPrefix = text.length() - start == 1 && "eE".indexOf(text.charAt(start)) >= 0;
        if (escapeStringPrefix && input.peek() == '\'') {
            quoted('\'', true, "quoted string");
        } else {
            words.word(text, start, text.length(), parenDepth);
        }
    }

    /**
     * A string or identifier closed by {@code quote}, where a doubled quote stands for itself; in E'...' strings a
     * backslash also escapes the next character. Plain strings follow standard_conforming_strings = on.
     */
    private void quoted(char quote, boolean backslashEscapes, String what) {
        int startLine = input.line();
        appendNext();
        while (true) {
            int c = readOrFail(what, startLine);
            if (c == '\\' && backslashEscapes) {
                readOrFail(what, startLine);
            } else if (c == quote) {
                if (input.peek() != quote) {
                    return;
                }
                appendNext();
            }
        }
    }

    /** {@code $tag$ ... $tag$} or {@code $$ ... $$}; a {@code $} followed by digits is a parameter such as $1. */
    private void dollar() {
        int startLine = input.line();
        int delimiterStart = text.length();
        appendNext();
        if (SqlChars.isDigit(input.peek())) {
            while (SqlChars.isDigit(input.peek())) {
                appendNext();
            }
            return;
        }
        if (SqlChars.isIdentifierStart(input.peek())) {
            while (SqlChars.isDollarTagPart(input.peek())) {
                appendNext();
            }
        }
        if (input.peek() != '$') {
            return; // a lone $ is no SQL; the server will say so
        }
        appendNext();
        String delimiter = text.substring(delimiterStart);
        int bodyStart = text.length();
        String what = "dollar-quoted string (" + delimiter + ")";
        while (readOrFail(what, startLine) != '$' || !endsWithDelimiter(delimiter, bodyStart)) {
            // the body is kept as written; only the closing delimiter ends it
        }
    }

    private boolean endsWithDelimiter(String delimiter, int bodyStart) {
        int start = text.length() - delimiter.length();
        if (start < bodyStart) {
            return false;
        }
        for (int i = 0; i < delimiter.length(); i++) {
            if (text.charAt(start + i) != delimiter.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void lineComment() {
        int c;
        do {
            c = input.read();
            if (c != END) {
                text.append((char) c);
            }
        } while (c != END && c != '\n');
    }

    /** Block comments nest in PostgreSQL, so each opening needs its own closing. */
    private void blockComment() {
        int startLine = input.line();
        appendNext();
        appendNext();
        int depth = 1;
        while (depth > 0) {
            int c = readOrFail("/* comment", startLine);
            if (c == '/' && input.peek() == '*') {
                appendNext();
                depth++;
            } else if (c == '*' && input.peek() == '/') {
                appendNext();
                depth--;
            }
        }
    }

    /** Reads and keeps the next character; the end of the script here means {@code what} was never closed. */
    private int readOrFail(String what, int startLine) {
        int c = input.read();
        if (c == END) {
            throw input.error("unterminated " + what + " starting at line " + startLine);
        }
        text.append((char) c);
        return c;
    }

    private void appendNext() {
        text.append((char) input.read());
    }

    private String withoutTrailingSpace() {
        int end = text.length();
        while (end > 0 && SqlChars.isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
