package io.pgcarry.connect;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps passwords out of everything pgcarry shows or writes. URLs are redacted where they are built;
 * as a second wall, every password pgcarry has resolved is remembered and {@link #scrub} replaces it in
 * any text (error messages from drivers included) before it is printed.
 */
public final class Redaction {
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://[^:/?#@\\s]*):(\\S*)@");
    private static final Pattern PARAM_PASSWORD = Pattern.compile("(?i)\\b(password|sslpassword)=([^&\\s]*)");
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

    private Redaction() {
    }

    /** Remembers a secret so that {@link #scrub} removes it from any text. */
    public static void remember(String secret) {
        if (secret != null && secret.length() >= 3) {
            SECRETS.add(secret);
        }
    }

    /** Redacts URL passwords in free text (for example a malformed URL being reported). */
    public static String redactText(String text) {
        if (text == null) {
            return null;
        }
        String result = URL_PASSWORD.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":***@"));
        return PARAM_PASSWORD.matcher(result).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "=***"));
    }

    /** Removes every remembered secret and every URL password from the text. */
    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        String result = redactText(text);
        for (String secret : SECRETS) {
            result = result.replace(secret, "***");
        }
        return result;
    }

    static boolean isSecretParameter(String name) {
        return name.equalsIgnoreCase("password") || name.equalsIgnoreCase("sslpassword");
    }
}
