package io.pgcarry.connect;

import java.util.Locale;

/**
 * Keeps passwords out of what pgcarry shows, by construction: a password is held as a {@link Secret}, which prints
 * as {@code ***}, and a URL is printed only through {@link PgUrl#redacted()}. No output is searched for passwords
 * (that would rewrite real data that happens to contain one); the one text pgcarry does not write itself and that
 * may echo a connection string, a usage error quoting the command line, is cleaned where it is caught, by
 * {@link #maskConnectionArguments}.
 */
public final class Redaction {
    private Redaction() {
    }

    /**
     * The message with every command-line argument that holds a connection string replaced by its redacted form:
     * for a message (such as a usage error) that quotes the arguments it was given.
     */
    public static String maskConnectionArguments(String message, String... arguments) {
        if (message == null) {
            return null;
        }
        String result = message;
        for (String argument : arguments) {
            String masked = masked(argument);
            if (masked != null && !argument.isEmpty()) {
                result = result.replace(argument, masked);
            }
        }
        return result;
    }

    /** How an argument that may hold a connection string is shown: null when it holds none. */
    static String masked(String argument) {
        if (argument == null) {
            return null;
        }
        int eq = argument.indexOf('=');
        if (argument.startsWith("--") && eq > 0) {
            String value = masked(argument.substring(eq + 1));
            return value == null ? null : argument.substring(0, eq + 1) + value;
        }
        String lower = argument.toLowerCase(Locale.ROOT);
        int at = lower.indexOf('@');
        boolean userInfo = at > 0 && lower.lastIndexOf(':', at) >= 0;
        if (!lower.contains("://") && !lower.contains("password") && !userInfo) {
            return null;
        }
        try {
            return PgUrl.parse(argument).redacted();
        } catch (RuntimeException malformed) {
            return "<connection string>";
        }
    }

    static boolean isSecretParameter(String name) {
        return name.equalsIgnoreCase("password") || name.equalsIgnoreCase("sslpassword");
    }
}
