package io.pgcarry.script;

import java.util.Arrays;

/**
 * What the unquoted words of one statement tell the scanner: whether a semicolon is inside an SQL-standard
 * function body ({@code BEGIN ATOMIC ... END}), and whether the statement is a {@code COPY ... FROM stdin}.
 * Like psql, it does not parse SQL: in a statement that starts {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE},
 * each top-level {@code BEGIN} opens a level, {@code CASE} opens one inside a body, and {@code END} closes one.
 */
final class StatementWords {
    private static final int LEADING = 4;
    private static final String[] LEADING_KEYWORDS = {"create", "or", "replace", "function", "procedure", "copy"};

    private final String[] leading = new String[LEADING];
    private int count;
    private boolean routine;
    private int bodyDepth;
    private boolean copy;
    private boolean afterFrom;
    private boolean copyFromStdin;

    void reset() {
        Arrays.fill(leading, null);
        count = 0;
        routine = false;
        bodyDepth = 0;
        copy = false;
        afterFrom = false;
        copyFromStdin = false;
    }

    /** Whether a semicolon here belongs to a function body rather than ending the statement. */
    boolean insideRoutineBody() {
        return bodyDepth > 0;
    }

    boolean isCopyFromStdin() {
        return copyFromStdin;
    }

    /** Notes the unquoted word {@code text[start, end)} found at the given parenthesis depth. */
    void word(CharSequence text, int start, int end, int parenDepth) {
        if (count < LEADING) {
            leading[count] = leadingKeyword(text, start, end);
            routine = routine || startsRoutine();
            copy = "copy".equals(leading[0]);
        }
        count++;
        if (parenDepth > 0 || !(routine || copy)) {
            return;
        }
        if (routine) {
            trackBody(text, start, end);
        } else {
            copyFromStdin = copyFromStdin || afterFrom && is(text, start, end, "stdin");
            afterFrom = is(text, start, end, "from");
        }
    }

    private void trackBody(CharSequence text, int start, int end) {
        if (is(text, start, end, "begin")) {
            bodyDepth++;
        } else if (bodyDepth > 0 && is(text, start, end, "case")) {
            bodyDepth++;
        } else if (bodyDepth > 0 && is(text, start, end, "end")) {
            bodyDepth--;
        }
    }

    private boolean startsRoutine() {
        if (!"create".equals(leading[0])) {
            return false;
        }
        if (isRoutineKind(leading[1])) {
            return true;
        }
        return "or".equals(leading[1]) && "replace".equals(leading[2]) && isRoutineKind(leading[3]);
    }

    private static boolean isRoutineKind(String keyword) {
        return "function".equals(keyword) || "procedure".equals(keyword);
    }

    /** The lowercase keyword if the word is one the leading words are compared with, else null. */
    private static String leadingKeyword(CharSequence text, int start, int end) {
        for (String keyword : LEADING_KEYWORDS) {
            if (is(text, start, end, keyword)) {
                return keyword;
            }
        }
        return null;
    }

    /** Case-insensitive comparison folding ASCII letters only, as PostgreSQL does for keywords. */
    private static boolean is(CharSequence text, int start, int end, String lowercaseKeyword) {
        if (end - start != lowercaseKeyword.length()) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            char folded = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if (folded != lowercaseKeyword.charAt(i - start)) {
                return false;
            }
        }
        return true;
    }
}
