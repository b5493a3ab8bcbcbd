package io.pgcarry.move;

import io.pgcarry.catalog.QualifiedName;

/**
 * A foreign key, key, index, NOT VALID check or trigger set aside by a move, with what is needed to bring it back.
 *
 * @param kind        what it is
 * @param table       its table
 * @param name        its name
 * @param definition  for a foreign key {@code pg_get_constraintdef}, for an index {@code pg_get_indexdef};
 *                    for a trigger its former enabled state
 * @param wasValid    for a foreign key, whether it was validated before the move
 * @param state       how far it has come back
 * @param comment     the comment of a key or index, read by the journal before the drop; null when none
 * @param indexDefinition  for a primary or unique key, {@code pg_get_indexdef} of its index; null when unknown
 * @param references  for a foreign key, the referenced table; null when unknown
 * @param keyAttach   for a key that comes back in two steps (its index first), the clause that then attaches the index
 *                    as the key ({@link io.pgcarry.catalog.KeySteps}); null for a key added in one statement
 * @param indexComment for a key, the comment of its index (which the drop takes along too); null when none
 */
public record JournalObject(SetAsideKind kind, QualifiedName table, String name, String definition, boolean wasValid, SetAsideState state,
                            String comment, String indexDefinition, QualifiedName references, String keyAttach,
                            String indexComment) {
    /** An object about to be set aside; the journal reads its comment, index and referenced table when it records it. */
    public JournalObject(SetAsideKind kind, QualifiedName table, String name, String definition, boolean wasValid, SetAsideState state) {
        this(kind, table, name, definition, wasValid, state, null, null, null, null, null);
    }
}
