package io.pgcarry.migrate;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The order in which a tool runs its migrations: versioned migrations first, by their numbers part by part (so
 * {@code 1.10} follows {@code 1.9}, and {@code 1.0} equals {@code 1}), then by text; repeatable migrations after
 * all versioned ones, by text.
 *
 * @param repeatable whether this is a migration that runs again when it changes (Flyway's {@code R__})
 * @param numbers    the numeric parts of the version, empty when the tool orders by text alone (Prisma's names)
 * @param text       what breaks ties and orders text-only keys
 */
public record VersionKey(boolean repeatable, List<BigInteger> numbers, String text) implements Comparable<VersionKey> {
    public VersionKey {
        numbers = List.copyOf(numbers);
        Objects.requireNonNull(text, "text");
    }

    /** A key of one number, such as a timestamp or a sequence number, with {@code text} to break ties. */
    public static VersionKey number(BigInteger number, String text) {
        return new VersionKey(false, List.of(number), text);
    }

    /** A key of dotted numbers such as {@code 1.2.10}; {@code _} separates parts as well. */
    public static VersionKey dotted(String version) {
        List<BigInteger> parts = new ArrayList<>();
        for (String part : version.split("[._]")) {
            parts.add(new BigInteger(part));
        }
        return new VersionKey(false, parts, "");
    }

    /** A key ordered by text alone (Prisma orders its migration directories by name). */
    public static VersionKey text(String text) {
        return new VersionKey(false, List.of(), text);
    }

    /** The key of a repeatable migration: after every versioned one, ordered by {@code text}. */
    public static VersionKey repeatable(String text) {
        return new VersionKey(true, List.of(), text);
    }

    @Override
    public int compareTo(VersionKey other) {
        if (repeatable != other.repeatable) {
            return repeatable ? 1 : -1;
        }
        int byNumbers = compareNumbers(other);
        return byNumbers != 0 ? byNumbers : text.compareTo(other.text);
    }

    /** Whether both keys order the same place: {@code 1.0} and {@code 1} do, texts aside. */
    public boolean sameVersion(VersionKey other) {
        return repeatable == other.repeatable && compareNumbers(other) == 0
                && (!numbers.isEmpty() || text.equals(other.text));
    }

    private int compareNumbers(VersionKey other) {
        int length = Math.max(numbers.size(), other.numbers.size());
        for (int i = 0; i < length; i++) {
            BigInteger mine = i < numbers.size() ? numbers.get(i) : BigInteger.ZERO;
            BigInteger theirs = i < other.numbers.size() ? other.numbers.get(i) : BigInteger.ZERO;
            int c = mine.compareTo(theirs);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
