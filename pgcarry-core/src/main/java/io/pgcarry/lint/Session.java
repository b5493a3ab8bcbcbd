package io.pgcarry.lint;

import java.util.regex.Pattern;

/**
 * The statements that set {@code lock_timeout}: {@code SET [SESSION | LOCAL] lock_timeout}, {@code RESET lock_timeout} and
 * {@code SELECT set_config('lock_timeout', ..., is_local)}. Zero turns it off again.
 */
final class Session {
    private static final Pattern ZERO = Pattern.compile("0+\\s*(us|ms|s|min|h|d)?|default");

    private Session() {
    }

    static void apply(Tokens t, Walk w) {
        if (t.at(0, "reset", "lock_timeout")) {
            w.lockTimeout(false, false);
        } else if (t.at(0, "set")) {
            boolean local = t.at(1, "local");
            int i = t.at(1, "local") || t.at(1, "session") ? 2 : 1;
            if (t.at(i, "lock_timeout")) {
                w.lockTimeout(!zero(t.get(i + 2).text()), local);
            }
        } else if (t.at(0, "select", "set_config") && t.get(3).text().equals("lock_timeout")) {
            w.lockTimeout(!zero(t.get(5).text()), t.get(7).is("true"));
        }
    }

    private static boolean zero(String value) {
        return ZERO.matcher(value.strip().toLowerCase(java.util.Locale.ROOT)).matches();
    }
}
