package io.pgcarry.catalog;

import java.util.ArrayList;
import java.util.List;

/** The one place where SQL identifiers are quoted: real schemas have names like "Animal" and "bazaar-vid_exports". */
public final class Identifiers {
    private Identifiers() {
    }

    /** Always quotes, doubling embedded quotes: safe for any name, including reserved words and mixed case. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** A SQL string literal, for the rare places where a value cannot be bound as a parameter (DDL). */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Quotes only when PostgreSQL would need it: for messages meant to be read by people. */
    public static String display(String identifier) {
        return identifier.matches("[a-z_][a-z0-9_]*") ? identifier : quote(identifier);
    }

    /** Splits {@code a."b.c".d} at the dots outside quotes into unquoted parts; quoted parts keep their case. */
    public static List<String> splitQualified(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == '.' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    /**
     * Splits {@code text} at each {@code separator} outside double quotes; the parts keep their quotes (for
     * {@link #splitQualified} to read), as in {@code "a,b",c} or {@code dup="canon=1"}.
     */
    public static List<String> splitOutsideQuotes(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }
}
