package io.pgcarry.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column type change whose explicit cast can change a value without failing: PostgreSQL truncates
 * {@code varchar}, {@code char} and {@code bit} values to the new length, rounds numbers to the new scale or to an
 * integer and times to the new precision, and a text value cast to another type keeps only what that type holds.
 * Casts that refuse bad values by themselves (a bigint too big for integer, text that is no uuid) are not lossy:
 * they fail, and the plan counts them as values that do not convert.
 *
 * @param loss what happens to a value that does not fit
 * @param from the type in TARGET, as {@code format_type} prints it
 * @param to   the type in SOURCE
 */
record LossyCast(Loss loss, String from, String to) {
    /** What the cast does to a value that does not fit, in the words of the plan's hazards. */
    enum Loss {
        TRUNCATED("truncated"),
        ROUNDED("rounded"),
        CHANGED("changed");

        private final String word;

        Loss(String word) {
            this.word = word;
        }

        String word() {
            return word;
        }
    }

    private static final Pattern MODIFIERS = Pattern.compile("\\((\\d+)(?:,(\\d+))?\\)");
    private static final Set<String> STRINGS = Set.of("text", "character varying", "character", "bpchar");
    private static final Set<String> BITS = Set.of("bit", "bit varying");
    private static final Set<String> INTEGERS = Set.of("smallint", "integer", "bigint");
    private static final Set<String> FLOATS = Set.of("real", "double precision");
    private static final Set<String> TIMESTAMPS = Set.of("timestamp without time zone", "timestamp with time zone");
    private static final Set<String> TIMES = Set.of("time without time zone", "time with time zone");

    LossyCast {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** The lossy cast from TARGET's type to SOURCE's, if the change is one. */
    static Optional<LossyCast> of(String from, String to) {
        if (from == null || to == null || from.equals(to) || from.endsWith("[]") != to.endsWith("[]")) {
            return Optional.empty();
        }
        return loss(Type.parse(from), Type.parse(to)).map(loss -> new LossyCast(loss, from, to));
    }

    /**
     * True for a value the cast would change: cast to the new type and back, compare with the value. Strings are
     * compared as text so that {@code char}'s padding does not count; NULL never counts.
     */
    String changedCondition(String quotedColumn) {
        String array = from.endsWith("[]") ? "[]" : "";
        String compareAs = STRINGS.contains(Type.parse(from).base()) ? "text" + array : from;
        return "((" + quotedColumn + ")::" + to + ")::" + compareAs + " IS DISTINCT FROM (" + quotedColumn + ")::" + compareAs;
    }

    private static Optional<Loss> loss(Type f, Type t) {
        String from = f.base();
        String to = t.base();
        if (STRINGS.contains(from)) {
            return STRINGS.contains(to) ? narrower(f.first(), t.first(), Loss.TRUNCATED) : Optional.of(Loss.CHANGED);
        }
        if (BITS.contains(from) && BITS.contains(to)) {
            return narrower(f.first(), t.first(), Loss.TRUNCATED);
        }
        if (to.equals("numeric") && t.first() != null) {
            boolean fewer = from.equals("numeric") && (f.first() == null || t.second() < f.second() || t.first() - t.second() < f.first() - f.second());
            return fewer || FLOATS.contains(from) ? Optional.of(Loss.ROUNDED) : Optional.empty();
        }
        if (INTEGERS.contains(to)) {
            return FLOATS.contains(from) || from.equals("numeric") ? Optional.of(Loss.ROUNDED) : Optional.empty();
        }
        if (to.equals("real")) {
            return List.of("integer", "bigint", "numeric", "double precision").contains(from) ? Optional.of(Loss.ROUNDED) : Optional.empty();
        }
        if (to.equals("double precision")) {
            return List.of("bigint", "numeric").contains(from) ? Optional.of(Loss.ROUNDED) : Optional.empty();
        }
        if (TIMESTAMPS.contains(from)) {
            if (to.equals("date")) {
                return Optional.of(Loss.TRUNCATED);
            }
            return TIMESTAMPS.contains(to) ? narrower(f.first(), t.first(), Loss.ROUNDED) : Optional.empty();
        }
        if (TIMES.contains(from) && to.equals(from)) {
            return narrower(f.first(), t.first(), Loss.ROUNDED);
        }
        if (from.startsWith("interval") && to.startsWith("interval")) {
            return to.equals(from) ? narrower(f.first(), t.first(), Loss.ROUNDED) : Optional.of(Loss.TRUNCATED);
        }
        return Optional.empty();
    }

    /** A limit (length or precision) that is lower than before, or set where there was none. */
    private static Optional<Loss> narrower(Integer from, Integer to, Loss loss) {
        return to != null && (from == null || to < from) ? Optional.of(loss) : Optional.empty();
    }

    /** A printed type split into its name without modifiers and its modifiers (length, precision, scale). */
    private record Type(String base, Integer first, Integer second) {
        static Type parse(String printed) {
            String type = printed.endsWith("[]") ? printed.substring(0, printed.length() - 2) : printed;
            Matcher m = MODIFIERS.matcher(type);
            if (!m.find()) {
                return new Type(type, null, null);
            }
            String base = (type.substring(0, m.start()) + type.substring(m.end())).replaceAll("\\s+", " ").strip();
            return new Type(base, Integer.valueOf(m.group(1)), m.group(2) == null ? 0 : Integer.valueOf(m.group(2)));
        }
    }
}
