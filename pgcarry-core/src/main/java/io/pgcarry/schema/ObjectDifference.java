package io.pgcarry.schema;

import java.util.List;

/**
 * How one object differs between SOURCE and TARGET.
 *
 * @param id      the object
 * @param change  MISSING (in TARGET), EXTRA (only in TARGET) or CHANGED
 * @param changes for CHANGED, the attributes that differ
 */
public record ObjectDifference(ObjectId id, Change change, List<AttributeChange> changes) {
    public enum Change { MISSING, EXTRA, CHANGED }

    public ObjectDifference {
        changes = List.copyOf(changes);
    }
}
