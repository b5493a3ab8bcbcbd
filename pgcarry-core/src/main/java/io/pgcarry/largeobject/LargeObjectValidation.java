package io.pgcarry.largeobject;

import java.util.List;

/**
 * How the large objects of two sides compared (a source database or an archive, and a target).
 *
 * @param sourceObjects   large objects on the source side
 * @param targetObjects   large objects on the target
 * @param contentCompared whether their content was compared by hash (not at validation level {@code count})
 * @param differing       objects that differ, in all
 * @param differences     the first of them, by OID
 */
public record LargeObjectValidation(long sourceObjects, long targetObjects, boolean contentCompared, long differing,
                                    List<Difference> differences) {
    public LargeObjectValidation {
        differences = List.copyOf(differences);
    }

    public boolean passed() {
        return differing == 0;
    }

    /** Whether the list of differences stops short of all of them. */
    public boolean truncated() {
        return differences.size() < differing;
    }

    /**
     * One object that differs.
     *
     * @param oid     its OID
     * @param kind    {@code missing} (on the source side only), {@code extra} (on the target only) or {@code changed}
     * @param aspects for a changed object, what differs: content, comment, owner, grants
     */
    public record Difference(long oid, String kind, List<String> aspects) {
        public Difference {
            aspects = List.copyOf(aspects);
        }

        @Override
        public String toString() {
            return kind + " " + oid + (aspects.isEmpty() ? "" : " (" + String.join(", ", aspects) + ")");
        }
    }
}
