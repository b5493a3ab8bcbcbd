package io.pgcarry.catalog;

import java.util.Objects;

/**
 * An index.
 *
 * @param table            the indexed table
 * @param name             the index name (in the table's schema)
 * @param definition       {@code pg_get_indexdef}, enough to re-create it
 * @param unique           whether it enforces uniqueness
 * @param backsConstraint  whether it belongs to a primary key, unique or exclusion constraint
 */
public record Index(QualifiedName table, String name, String definition, boolean unique, boolean backsConstraint) {
    public Index {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, "name");
    }

    public QualifiedName qualifiedName() {
        return new QualifiedName(table.schema(), name);
    }
}
