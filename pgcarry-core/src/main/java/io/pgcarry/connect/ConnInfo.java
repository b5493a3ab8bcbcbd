package io.pgcarry.connect;

import io.pgcarry.error.ConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A libpq keyword/value connection string: {@code host=localhost port=5432 dbname=app user=app password='it\'s'}.
 * Spaces may surround {@code =}; a value is either unquoted (it ends at white space) or in single quotes (for
 * spaces and empty values); in both, a backslash takes the next character literally. As SQL does, and libpq
 * does not, {@code ''} inside a quoted value is one quote; no valid libpq string means anything else by it.
 *
 * <p>Errors name the character position and the problem, and never show any part of the text: a value that
 * ends too early turns the rest of a password into what looks like a keyword.
 */
public final class ConnInfo {
    private static final String FORM = "; write it as keyword=value pairs, such as host=db.internal dbname=app";

    private ConnInfo() {
    }

    /**
     * Parses a connection string into the same shape a URL parses into: {@code host} and {@code port} (lists
     * allowed) become hosts, {@code user}, {@code password} and {@code dbname} their parts, the rest parameters.
     */
    public static PgUrl parse(String text) {
        Map<String, String> values = keywords(text);
        String user = blankToNull(values.remove("user"));
        String password = values.remove("password");
        String database = blankToNull(values.remove("dbname"));
        return new PgUrl(user, Secret.of(password), List.of(), database, values);
    }

    /** The string with passwords shown as {@code ***}, safe to print; a string that does not parse is not shown at all. */
    public static String redacted(String text) {
        Map<String, String> values;
        try {
            values = keywords(text);
        } catch (ConfigurationException e) {
            return "a connection string that does not parse (not shown)";
        }
        List<String> parts = new ArrayList<>();
        values.forEach((key, value) -> parts.add(key + "=" + (Redaction.isSecretParameter(key) ? Secret.MASK : quote(value))));
        return String.join(" ", parts);
    }

    /** The keywords and values in order; a keyword given twice keeps its last value, as in libpq. */
    static Map<String, String> keywords(String text) {
        if (text == null || text.isBlank()) {
            throw new ConfigurationException("empty connection string" + FORM);
        }
        Map<String, String> values = new LinkedHashMap<>();
        Cursor cursor = new Cursor(text);
        while (cursor.skipSpaces()) {
            String keyword = cursor.keyword();
            values.put(keyword, cursor.value());
        }
        return values;
    }

    private static String quote(String value) {
        boolean plain = !value.isEmpty() && value.chars().noneMatch(c -> Character.isWhitespace(c) || c == '\'' || c == '\\');
        return plain ? value : "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** Reads the text left to right; positions in messages count from 1. */
    private static final class Cursor {
        private final String text;
        private int at;

        Cursor(String text) {
            this.text = text;
        }

        /** Skips white space; false at the end of the text. */
        boolean skipSpaces() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            return at < text.length();
        }

        String keyword() {
            int start = at;
            while (at < text.length() && text.charAt(at) != '=' && !Character.isWhitespace(text.charAt(at))) {
                char c = text.charAt(at);
                if (!(c == '_' || c < 128 && Character.isLetterOrDigit(c))) {
                    throw error("character " + (at + 1) + " cannot be part of a keyword (keywords are letters, digits and _)");
                }
                at++;
            }
            if (at == start) {
                throw error("'=' at character " + (at + 1) + " has no keyword before it");
            }
            String keyword = text.substring(start, at);
            skipSpaces();
            if (at >= text.length() || text.charAt(at) != '=') {
                throw error("the keyword at character " + (start + 1) + " is not followed by '='");
            }
            at++;
            return keyword;
        }

        /** A value; like libpq, white space after '=' is skipped before the value starts. */
        String value() {
            skipSpaces();
            return at < text.length() && text.charAt(at) == '\'' ? quoted() : unquoted();
        }

        private String unquoted() {
            StringBuilder value = new StringBuilder();
            while (at < text.length() && !Character.isWhitespace(text.charAt(at))) {
                char c = text.charAt(at++);
                if (c == '\\' && at < text.length()) {
                    c = text.charAt(at++);
                }
                value.append(c);
            }
            return value.toString();
        }

        private String quoted() {
            int start = at++;
            StringBuilder value = new StringBuilder();
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '\\' && at < text.length()) {
                    value.append(text.charAt(at++));
                } else if (c == '\'' && at < text.length() && text.charAt(at) == '\'') {
                    value.append('\'');
                    at++;
                } else if (c == '\'') {
                    return value.toString();
                } else {
                    value.append(c);
                }
            }
            throw error("the quoted value starting at character " + (start + 1) + " has no closing quote");
        }

        private static ConfigurationException error(String problem) {
            return new ConfigurationException("malformed connection string: " + problem + FORM);
        }
    }
}
