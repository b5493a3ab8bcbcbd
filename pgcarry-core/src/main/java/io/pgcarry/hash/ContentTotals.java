package io.pgcarry.hash;

/**
 * A table's row count and content hash sum (see {@link ContentHash}) on one side, computed elsewhere than by the
 * validation itself: by a move from the very rows it copied, in the validation's snapshot.
 */
public record ContentTotals(long rows, long sum) {
}
