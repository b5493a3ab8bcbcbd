package io.pgcarry.clone;

import io.pgcarry.arrival.SchemaCheck;
import io.pgcarry.move.MoveResult;
import java.util.List;

/**
 * What a clone did.
 *
 * @param schemaStatements statements of the schema script run on the target (0 when resumed)
 * @param warnings         source objects that are not modelled, and so not cloned
 * @param refreshed        materialized views refreshed after the load
 * @param move             the data move, with its validation
 * @param seconds          wall-clock time of the whole clone
 * @param schema           the target's schema compared with the source's after the clone
 */
public record CloneResult(int schemaStatements, List<String> warnings, int refreshed, MoveResult move, double seconds,
                          SchemaCheck schema) {
    public CloneResult {
        warnings = List.copyOf(warnings);
    }

    public boolean passed() {
        return move.passed() && schema.passed();
    }
}
