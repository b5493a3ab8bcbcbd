package io.pgcarry.arrival;

import io.pgcarry.catalog.Identifiers;
import java.util.Map;
import java.util.Objects;

/**
 * One index, constraint or trigger of a table as the catalog holds it, with the attributes that say whether it
 * works: definition, validity, readiness, parent index, replica identity, clustering, enabled state.
 *
 * @param kind       what it is
 * @param schema     the table's schema (an index lives in it too)
 * @param table      the table it belongs to
 * @param name       its name
 * @param attributes its state, attribute by attribute, as text
 */
public record StructureObject(Kind kind, String schema, String table, String name,
                              Map<String, String> attributes) {
    /** The kinds of object whose state is compared. */
    public enum Kind { INDEX, CONSTRAINT, TRIGGER }

    public StructureObject {
        Objects.requireNonNull(kind, "kind");
        attributes = Map.copyOf(attributes);
    }

    /** What identifies it on both sides of a comparison (constraint names are unique per table, index names per schema). */
    public String key() {
        return kind + "\u0000" + schema + "\u0000" + table + "\u0000" + name;
    }

    public String attribute(String name) {
        return attributes.get(name);
    }

    /** How a message names it: {@code index public.m_v_idx}, {@code constraint m_fk on public.m}. */
    @Override
    public String toString() {
        String on = Identifiers.display(schema) + "." + Identifiers.display(table);
        return switch (kind) {
            case INDEX -> "index " + Identifiers.display(schema) + "." + Identifiers.display(name);
            case CONSTRAINT -> "constraint " + Identifiers.display(name) + " on " + on;
            case TRIGGER -> "trigger " + Identifiers.display(name) + " on " + on;
        };
    }
}
