package io.pgcarry.verify;

import java.util.List;

/**
 * Orphans of one reference in the target.
 *
 * @param reference  the foreign key or logical reference
 * @param orphans    rows whose reference points at nothing
 * @param samples    up to 10 of their keys
 */
public record ReferenceValidation(String reference, long orphans, List<String> samples) {
    public ReferenceValidation {
        samples = List.copyOf(samples);
    }

    public boolean passed() {
        return orphans == 0;
    }
}
