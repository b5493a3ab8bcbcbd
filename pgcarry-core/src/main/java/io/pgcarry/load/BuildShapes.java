package io.pgcarry.load;

import io.pgcarry.catalog.QualifiedName;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a definition read back from storage pgcarry does not alone control (a move's journal, a backup's
 * archive) is what pgcarry itself stored, before any of it runs: one constraint clause as {@code pg_get_constraintdef}
 * prints it, one {@code CREATE [UNIQUE] INDEX} of the expected name on the expected table, one key attach clause. The
 * text is scanned as PostgreSQL would lex it: a second statement, a second {@code ALTER TABLE} action, a comment, a
 * dollar quote or a backslash anywhere outside quotes is refused, since none of them is in what the server prints.
 * Each check returns null when the text is fine, otherwise what is wrong with it.
 */
public final class BuildShapes {
    /** A token outside parentheses: a word (unquoted, or the text of a quoted identifier) or one other character. */
    private record Token(String text, boolean word, boolean quoted) {
        boolean is(String keyword) {
            return word && !quoted && text.equalsIgnoreCase(keyword);
        }
    }

    private BuildShapes() {
    }

    /** The first of several checks' answers that names a problem; null when none does. */
    public static String firstProblem(String... problems) {
        for (String problem : problems) {
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /**
     * Null when {@code clause} is what {@link io.pgcarry.catalog.KeySteps} writes to attach index {@code name} as its key:
     * {@code PRIMARY KEY|UNIQUE USING INDEX name [DEFERRABLE [INITIALLY DEFERRED]]}; otherwise what is wrong with it.
     */
    public static String keyAttach(String clause, String name) {
        List<Token> t = new ArrayList<>();
        String problem = lex(clause, t);
        if (problem != null) {
            return problem;
        }
        int i = t.size() > 0 && t.get(0).is("PRIMARY") && t.size() > 1 && t.get(1).is("KEY") ? 2
                : t.size() > 0 && t.get(0).is("UNIQUE") ? 1 : -1;
        if (i < 0 || i + 2 >= t.size() || !t.get(i).is("USING") || !t.get(i + 1).is("INDEX") || !t.get(i + 2).word()
                || !t.get(i + 2).text().equals(name)) {
            return "is not PRIMARY KEY or UNIQUE USING INDEX " + name;
        }
        List<String> rest = t.subList(i + 3, t.size()).stream().map(token -> token.quoted() ? "\"" : token.text().toUpperCase()).toList();
        return rest.isEmpty() || rest.equals(List.of("DEFERRABLE")) || rest.equals(List.of("DEFERRABLE", "INITIALLY", "DEFERRED")) ? null
                : "ends with something else than DEFERRABLE [INITIALLY DEFERRED]";
    }

    /**
     * Null when {@code definition} is one constraint clause as {@code pg_get_constraintdef} prints it, starting with one
     * of {@code starts} (words, or "(" for the opening parenthesis); otherwise what is wrong with it.
     */
    public static String constraint(String definition, List<List<String>> starts) {
        List<Token> tokens = new ArrayList<>();
        String problem = lex(definition, tokens);
        if (problem != null) {
            return problem;
        }
        for (List<String> start : starts) {
            if (startsWith(tokens, start)) {
                return null;
            }
        }
        return "does not start with " + String.join(" ", starts.get(0));
    }

    private static boolean startsWith(List<Token> tokens, List<String> words) {
        if (tokens.size() < words.size()) {
            return false;
        }
        for (int i = 0; i < words.size(); i++) {
            String expected = words.get(i);
            Token token = tokens.get(i);
            if (expected.equals("(") ? !token.text().equals("(") || token.word() : !token.is(expected)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Null when {@code definition} is one {@code CREATE [UNIQUE] INDEX name ON [ONLY] schema.table USING ...} as
     * {@code pg_get_indexdef} prints it, of index {@code name} on {@code table}; otherwise what is wrong with it.
     */
    public static String index(String definition, QualifiedName table, String name, boolean unique) {
        List<Token> t = new ArrayList<>();
        String problem = lex(definition, t);
        if (problem != null) {
            return problem;
        }
        int i = 0;
        if (!(t.size() > 2 && t.get(i++).is("CREATE") && (t.get(i).is("UNIQUE") ? t.get(i++).is("UNIQUE") : !unique)
                && t.get(i++).is("INDEX"))) {
            return "is not a CREATE " + (unique ? "UNIQUE " : "") + "INDEX";
        }
        if (i >= t.size() || !t.get(i).word() || !t.get(i++).text().equals(name)) {
            return "creates an index of another name";
        }
        if (i < t.size() && t.get(i).is("ON")) {
            i++;
        } else {
            return "has no ON";
        }
        if (i < t.size() && t.get(i).is("ONLY")) {
            i++;
        }
        boolean onTable = i + 3 < t.size() && t.get(i).word() && t.get(i).text().equals(table.schema())
                && t.get(i + 1).text().equals(".") && t.get(i + 2).word() && t.get(i + 2).text().equals(table.name())
                && t.get(i + 3).is("USING");
        return onTable ? null : "is not on table " + table;
    }

    /** Splits the text into tokens outside parentheses; returns what is wrong with it lexically, or null. */
    private static String lex(String text, List<Token> tokens) {
        return new Lexer(text, tokens).run();
    }

    /**
     * One pass over the text, one token at a time; each step returns what is wrong, or null to go on. Tokens inside
     * parentheses are scanned (a quote or a semicolon there counts as much as outside) but not kept.
     */
    private static final class Lexer {
        private final String text;
        private final List<Token> tokens;
        private int i;
        private int depth;

        Lexer(String text, List<Token> tokens) {
            this.text = text;
            this.tokens = tokens;
        }

        String run() {
            while (i < text.length()) {
                char c = text.charAt(i);
                String problem = null;
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '\'') {
                    problem = string();
                } else if (c == '"') {
                    problem = quotedIdentifier();
                } else if (isWordStart(c)) {
                    word();
                } else {
                    problem = symbol(c);
                }
                if (problem != null) {
                    return problem;
                }
            }
            return depth == 0 ? null : "an unbalanced parenthesis";
        }

        private String string() {
            // E'...' (which the server prints for a value with a backslash) is the one form where backslashes escape.
            boolean escapes = i > 0 && (text.charAt(i - 1) == 'E' || text.charAt(i - 1) == 'e')
                    && (i < 2 || !isWordPart(text.charAt(i - 2)));
            i = closing(text, i, '\'', escapes);
            return i < 0 ? "an unclosed quoted string" : null;
        }

        private String quotedIdentifier() {
            int end = closing(text, i, '"', false);
            if (end < 0) {
                return "an unclosed quoted identifier";
            }
            keep(new Token(text.substring(i + 1, end - 1).replace("\"\"", "\""), true, true));
            i = end;
            return null;
        }

        private void word() {
            int end = i;
            while (end < text.length() && isWordPart(text.charAt(end))) {
                end++;
            }
            keep(new Token(text.substring(i, end), true, false));
            i = end;
        }

        private String symbol(char c) {
            String problem = forbidden(text, i, depth);
            if (problem != null) {
                return problem;
            }
            if (c == ')' && --depth < 0) {
                return "an unbalanced parenthesis";
            }
            keep(new Token(String.valueOf(c), false, false));
            if (c == '(') {
                depth++;
            }
            i++;
            return null;
        }

        private void keep(Token token) {
            if (depth == 0) {
                tokens.add(token);
            }
        }
    }

    private static String forbidden(String text, int i, int depth) {
        char c = text.charAt(i);
        char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
        if (c == ';') {
            return "a second statement";
        }
        if (c == ',' && depth == 0) {
            return "a second clause";
        }
        if (c == '-' && next == '-' || c == '/' && next == '*') {
            return "a comment";
        }
        if (c == '$' || c == '\\') {
            return "a " + (c == '$' ? "dollar quote" : "backslash");
        }
        return null;
    }

    /** The index just past the quote that closes the one at {@code start}, or -1; doubled quotes stay inside. */
    private static int closing(String text, int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_' || c > 127;
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || Character.isDigit(c) || c == '$';
    }
}
