package io.pgcarry.verify;

import java.util.List;

/**
 * Orphans of one reference in the target.
 *
 * @param reference  the foreign key or logical reference
 * @param orphans    rows whose reference points at nothing
 * @param samples    up to 10 of their keys
 * @param provenBy   null when the orphans were counted; otherwise what proved there are none, in place of counting
 */
public record ReferenceValidation(String reference, long orphans, List<String> samples, String provenBy) {
    public ReferenceValidation {
        samples = List.copyOf(samples);
    }

    /** Orphans counted in the target. */
    public ReferenceValidation(String reference, long orphans, List<String> samples) {
        this(reference, orphans, samples, null);
    }

    public boolean passed() {
        return orphans == 0;
    }
}
