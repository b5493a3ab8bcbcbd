package io.pgcarry.catalog;

import java.util.Objects;

/**
 * A sequence, with the column that owns it when there is one (serial and identity columns).
 *
 * @param name         the sequence
 * @param ownerTable   the owning table, or null
 * @param ownerColumn  the owning column, or null
 */
public record Sequence(QualifiedName name, QualifiedName ownerTable, String ownerColumn) {
    public Sequence {
        Objects.requireNonNull(name, "name");
    }
}
