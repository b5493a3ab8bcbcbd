package io.pgcarry.verify;

/**
 * Whether a sequence is past the values of the column it feeds.
 *
 * @param sequence   the sequence
 * @param column     the column it feeds
 * @param nextValue  the value nextval would return
 * @param maxValue   the column's largest value (null when empty)
 * @param behindInSource  the source's sequence of the same name is behind its column too: copied as it was
 */
public record SequenceValidation(String sequence, String column, long nextValue, Long maxValue, boolean behindInSource) {
    public boolean passed() {
        return maxValue == null || nextValue > maxValue || behindInSource;
    }
}
