package io.pgcarry.move;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks that a set-aside definition read back from the journal is what pgcarry itself stored for its kind of
 * object, before any of it runs: for a foreign key or key, one constraint clause as {@code pg_get_constraintdef}
 * prints it; for an index (and a key's index), one {@code CREATE [UNIQUE] INDEX} of that name on the recorded table;
 * for a trigger, one of {@code pg_trigger.tgenabled}'s letters. The text is scanned as PostgreSQL would lex it: a
 * second statement, a second {@code ALTER TABLE} action, a comment, a dollar quote or a backslash anywhere outside
 * quotes is refused, since none of them is in what the server prints.
 */
final class SetAsideShape {
    private static final Set<String> TRIGGER_STATES = Set.of("O", "D", "R", "A");

    /** A token outside parentheses: a word (unquoted, or the text of a quoted identifier) or one other character. */
    private record Token(String text, boolean word, boolean quoted) {
        boolean is(String keyword) {
            return word && !quoted && text.equalsIgnoreCase(keyword);
        }
    }

    private SetAsideShape() {
    }

    /** Throws {@link UnsafeJournalException} naming the object unless its definitions have the shape pgcarry stores. */
    static void check(JournalObject o) {
        String problem = switch (o.kind()) {
            case JournalObject.TRIGGER -> TRIGGER_STATES.contains(o.definition()) ? null : "is not a trigger state";
            case JournalObject.FOREIGN_KEY -> constraint(o.definition(), List.of(List.of("FOREIGN", "KEY", "(")));
            case JournalObject.CHECK -> constraint(o.definition(), List.of(List.of("CHECK", "(")));
            case JournalObject.KEY -> firstProblem(constraint(o.definition(), List.of(List.of("PRIMARY", "KEY", "("), List.of("UNIQUE", "("),
                    List.of("UNIQUE", "NULLS", "DISTINCT", "("), List.of("UNIQUE", "NULLS", "NOT", "DISTINCT", "("))),
                    o.indexDefinition() == null ? null : index(o.indexDefinition(), o, true));
            case JournalObject.INDEX -> index(o.definition(), o, false);
            default -> "is of an unknown kind";
        };
        if (problem != null) {
            throw new UnsafeJournalException("pgcarry's journal holds a definition of " + o.kind() + " " + o.name() + " on " + o.table()
                    + " that pgcarry did not write (" + problem + "), so it does not run it: someone changed pgcarry.move_object."
                    + " Re-create that object by hand from your schema's source and delete its row from pgcarry.move_object");
        }
    }

    private static String firstProblem(String first, String second) {
        return first != null ? first : second;
    }

    private static String constraint(String definition, List<List<String>> starts) {
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

    /** {@code CREATE [UNIQUE] INDEX name ON [ONLY] schema.table USING ...}, named and placed as the journal says. */
    private static String index(String definition, JournalObject o, boolean unique) {
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
        if (i >= t.size() || !t.get(i).word() || !t.get(i++).text().equals(o.name())) {
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
        boolean onTable = i + 3 < t.size() && t.get(i).word() && t.get(i).text().equals(o.table().schema())
                && t.get(i + 1).text().equals(".") && t.get(i + 2).word() && t.get(i + 2).text().equals(o.table().name())
                && t.get(i + 3).is("USING");
        return onTable ? null : "is not on table " + o.table();
    }

    /** Splits the text into tokens outside parentheses; returns what is wrong with it lexically, or null. */
    private static String lex(String text, List<Token> tokens) {
        int depth = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                // E'...' (which the server prints for a value with a backslash) is the one form where backslashes escape.
                boolean escapes = i > 0 && (text.charAt(i - 1) == 'E' || text.charAt(i - 1) == 'e')
                        && (i < 2 || !isWordPart(text.charAt(i - 2)));
                i = closing(text, i, '\'', escapes);
                if (i < 0) {
                    return "an unclosed quoted string";
                }
            } else if (c == '"') {
                int end = closing(text, i, '"', false);
                if (end < 0) {
                    return "an unclosed quoted identifier";
                }
                if (depth == 0) {
                    tokens.add(new Token(text.substring(i + 1, end - 1).replace("\"\"", "\""), true, true));
                }
                i = end;
            } else if (isWordStart(c)) {
                int end = i;
                while (end < text.length() && isWordPart(text.charAt(end))) {
                    end++;
                }
                if (depth == 0) {
                    tokens.add(new Token(text.substring(i, end), true, false));
                }
                i = end;
            } else {
                String problem = forbidden(text, i, depth);
                if (problem != null) {
                    return problem;
                }
                if (c == ')' && --depth < 0) {
                    return "an unbalanced parenthesis";
                }
                if (depth == 0) {
                    tokens.add(new Token(String.valueOf(c), false, false));
                }
                if (c == '(') {
                    depth++;
                }
                i++;
            }
        }
        return depth == 0 ? null : "an unbalanced parenthesis";
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
