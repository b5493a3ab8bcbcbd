package io.pgcarry.error;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * A choice the caller makes (a request's field, a CLI option) that a message may point to as the remedy. The library
 * names it by its request name ({@code skipUnmodelled}); a front end that spells its options otherwise installs its
 * own names once, before any work, with {@link #nameBy} (the CLI names them {@code --skip-unmodelled}), so messages
 * and findings read in the user's own terms.
 */
public enum Setting {
    ABORT, ALLOW_DROPPED_COLUMNS, ALLOW_DROPS, ALLOW_LOSSY, ALLOW_PROGRAM, CLEAN, CONFIG, CONNECT_TIMEOUT, DISABLE_TRIGGERS, EXCLUDE,
    EXCLUDE_TABLE_DATA, EXPECT_SNAPSHOT, FILE, FORMAT, INCLUDE, JOBS, LOCK_WAIT_TIMEOUT, MAP, MAX_DIFFS, MERGE, MERGE_KEY, MERGE_PREFER, OUT,
    REBUILD, RESUME, LEDGER_SCHEMA, SIGN_KEY_FILE, SKIP_UNMODELLED, SPLIT_ROWS, TO, TOOL, TRIGGER_SEARCH_PATH, TRUNCATE_TARGET, WAIT,
    WITH_PRIVILEGES;

    private static volatile Function<Setting, String> naming = Setting::requestName;

    /** How this setting is named where the user sets it. */
    public String mention() {
        return naming.apply(this);
    }

    /** The request's name of the setting: {@code SKIP_UNMODELLED} is {@code skipUnmodelled}. */
    public String requestName() {
        String[] words = name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder camel = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            camel.append(Character.toUpperCase(words[i].charAt(0))).append(words[i], 1, words[i].length());
        }
        return camel.toString();
    }

    /** Installs the names messages use from now on; a front end calls it once, before any work. */
    public static void nameBy(Function<Setting, String> names) {
        naming = Objects.requireNonNull(names, "names");
    }
}
