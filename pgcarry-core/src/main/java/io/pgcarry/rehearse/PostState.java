package io.pgcarry.rehearse;

import java.util.List;

/**
 * The proof of the state after the migration, on the scratch database.
 *
 * @param schemaChanges    each difference between the schema before and after, as {@code pgcarry diff} shows it
 * @param untouchedTables  how many tables the migration took no lock on, compared with the live database
 * @param untouchedChanged those of them whose content hash differs from the live database's (should be none)
 */
public record PostState(List<String> schemaChanges, int untouchedTables, List<String> untouchedChanged) {
    public PostState {
        schemaChanges = List.copyOf(schemaChanges);
        untouchedChanged = List.copyOf(untouchedChanged);
    }
}
