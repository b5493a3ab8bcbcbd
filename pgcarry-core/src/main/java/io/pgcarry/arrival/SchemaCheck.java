package io.pgcarry.arrival;

import java.util.ArrayList;
import java.util.List;

/**
 * The "schema" section of a move, clone or restore result: whether the target's schema is what the command meant
 * to leave there.
 *
 * @param verdict     PASS when there is no difference
 * @param compared    what was compared with what, in a few words
 * @param differences each object that is missing, extra, INVALID or changed, named, one sentence each
 */
public record SchemaCheck(Verdict verdict, String compared, List<String> differences) {
    /** The outcome of the comparison. */
    public enum Verdict { PASS, FAIL }

    public SchemaCheck {
        differences = List.copyOf(differences);
        if ((verdict == Verdict.PASS) != differences.isEmpty()) {
            throw new IllegalArgumentException("a schema check passes exactly when it found no difference");
        }
    }

    /** A check whose verdict follows from its differences. */
    public static SchemaCheck of(String compared, List<String> differences) {
        return new SchemaCheck(differences.isEmpty() ? Verdict.PASS : Verdict.FAIL, compared, differences);
    }

    /** Both checks at once: PASS only when both pass. */
    public SchemaCheck and(SchemaCheck other) {
        List<String> all = new ArrayList<>(differences);
        all.addAll(other.differences());
        return of(compared + "; " + other.compared(), all);
    }

    public boolean passed() {
        return verdict == Verdict.PASS;
    }
}
