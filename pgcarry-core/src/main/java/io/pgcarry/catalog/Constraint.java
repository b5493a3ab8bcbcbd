package io.pgcarry.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A table constraint.
 *
 * @param table       the table it belongs to
 * @param name        the constraint name
 * @param kind        {@code p} primary key, {@code u} unique, {@code f} foreign key, {@code c} check, {@code x} exclusion
 * @param columns     the constrained columns, in key order
 * @param references  for a foreign key, the referenced table; otherwise null
 * @param refColumns  for a foreign key, the referenced columns; otherwise empty
 * @param definition  {@code pg_get_constraintdef}, enough to re-create it
 * @param validated   false for a NOT VALID constraint
 */
public record Constraint(QualifiedName table, String name, char kind, List<String> columns, QualifiedName references,
                         List<String> refColumns, String definition, boolean validated) {
    public Constraint {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        refColumns = List.copyOf(refColumns);
    }

    public boolean isForeignKey() {
        return kind == 'f';
    }

    /** {@code "Table".constraint}, for messages. */
    public String label() {
        return label(table, name);
    }

    /** The {@link #label()} of the constraint {@code name} of {@code table}. */
    public static String label(QualifiedName table, String name) {
        return table + "." + Identifiers.display(name);
    }
}
