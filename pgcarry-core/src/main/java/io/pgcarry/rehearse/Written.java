package io.pgcarry.rehearse;

/**
 * A relation whose data a statement wrote anew: rewritten (a new file for an existing table or index) or built (a
 * new index, a new table filled).
 *
 * @param relation  the relation
 * @param kind      {@code table}, {@code index}...
 * @param rewritten true when it existed before the statement and got a new file
 * @param bytes     its size afterwards
 */
public record Written(String relation, String kind, boolean rewritten, long bytes) {
}
