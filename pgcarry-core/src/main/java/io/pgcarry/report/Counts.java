package io.pgcarry.report;

/** A number with its noun in the right form: {@code 1 row}, {@code 2 rows}, {@code 1 index}, {@code 3 indexes}. */
public final class Counts {
    private Counts() {
    }

    /** {@code n} and the noun, with an {@code s} unless {@code n} is 1 (or -1). */
    public static String of(long n, String singular) {
        return of(n, singular, singular + "s");
    }

    /** {@code n} and the noun, for nouns whose plural is not the singular and an {@code s}. */
    public static String of(long n, String singular, String plural) {
        return n + " " + (Math.abs(n) == 1 ? singular : plural);
    }
}
