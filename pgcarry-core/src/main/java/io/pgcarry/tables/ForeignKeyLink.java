package io.pgcarry.tables;

import io.pgcarry.catalog.Constraint;

/**
 * A foreign key between two tables.
 *
 * @param constraint the constraint as {@code table.name}
 * @param from       the referencing table
 * @param to         the referenced table
 */
public record ForeignKeyLink(String constraint, String from, String to) {
    static ForeignKeyLink of(Constraint foreignKey) {
        return new ForeignKeyLink(foreignKey.label(), foreignKey.table().toString(), foreignKey.references().toString());
    }

    /** A table's foreign key to itself, which keeps nothing else alive. */
    public boolean selfReference() {
        return from.equals(to);
    }
}
