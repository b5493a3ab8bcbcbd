package io.pgcarry.schema;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads a libpq connection string (a subscription's {@code CONNECTION}) only far enough to tell whether it holds a
 * password, in either of libpq's two forms: {@code keyword = value} pairs, or a {@code postgresql://} URI with a
 * password in its user part or its parameters. What cannot be read is taken as holding one, so that a password is never
 * written by mistake.
 */
public final class Conninfo {
    private static final String PASSWORD = "password";

    private Conninfo() {
    }

    /** Whether {@code conninfo} gives a password (an empty one included). */
    public static boolean holdsPassword(String conninfo) {
        String text = conninfo.strip();
        if (text.startsWith("postgresql://") || text.startsWith("postgres://")) {
            return uriHoldsPassword(text.substring(text.indexOf("://") + 3));
        }
        return pairsHoldPassword(text);
    }

    /** After the scheme: {@code [user[:password]@][hosts][/dbname][?key=value&...]}. */
    private static boolean uriHoldsPassword(String rest) {
        int end = 0;
        while (end < rest.length() && rest.charAt(end) != '@' && rest.charAt(end) != '/') {
            end++;
        }
        if (end < rest.length() && rest.charAt(end) == '@' && rest.substring(0, end).indexOf(':') >= 0) {
            return true;
        }
        int query = rest.indexOf('?');
        if (query < 0) {
            return false;
        }
        for (String parameter : rest.substring(query + 1).split("&")) {
            String key = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
            try {
                if (URLDecoder.decode(key.replace("+", "%2B"), StandardCharsets.UTF_8).equals(PASSWORD)) {
                    return true;
                }
            } catch (IllegalArgumentException unreadable) {
                return true;
            }
        }
        return false;
    }

    /** {@code keyword = value} pairs; a value is bare or single-quoted, a backslash escaping the next character. */
    private static boolean pairsHoldPassword(String text) {
        int i = 0;
        int n = text.length();
        while (true) {
            i = skipSpaces(text, i);
            if (i >= n) {
                return false;
            }
            int start = i;
            while (i < n && text.charAt(i) != '=' && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            String keyword = text.substring(start, i);
            i = skipSpaces(text, i);
            if (i >= n || text.charAt(i) != '=') {
                return true;
            }
            if (keyword.equals(PASSWORD)) {
                return true;
            }
            i = skipValue(text, skipSpaces(text, i + 1));
            if (i < 0) {
                return true;
            }
        }
    }

    /** The index after the value starting at {@code i}; -1 when a quoted value is not closed. */
    private static int skipValue(String text, int i) {
        int n = text.length();
        boolean quoted = i < n && text.charAt(i) == '\'';
        if (quoted) {
            i++;
        }
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (quoted && c == '\'') {
                return i + 1;
            } else if (!quoted && Character.isWhitespace(c)) {
                return i;
            } else {
                i++;
            }
        }
        return quoted ? -1 : n;
    }

    private static int skipSpaces(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
