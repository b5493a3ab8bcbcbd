package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import java.util.Comparator;
import java.util.Objects;

/**
 * What identifies a schema object on both sides of a comparison: its kind, schema and name, and for the
 * objects that live in a table, the table's name. Functions are named with their argument types, as
 * overloads are different objects.
 */
public record ObjectId(ObjectKind kind, String schema, String name, String parent) implements Comparable<ObjectId> {
    private static final Comparator<ObjectId> ORDER = Comparator.comparing(ObjectId::kind)
            .thenComparing(ObjectId::schema, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ObjectId::parent, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ObjectId::name);

    public ObjectId {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (kind.belongsToTable()) {
            Objects.requireNonNull(parent, "parent");
        }
    }

    /** The table (or view) an object belongs to, as an id of kind TABLE. */
    public ObjectId table() {
        return new ObjectId(ObjectKind.TABLE, schema, parent, null);
    }

    /**
     * The schema-qualified, quoted SQL name of a top-level object ({@code "s"."t"}); a user mapping as
     * {@code FOR role SERVER "s"}, default privileges as their description.
     */
    public String sqlName() {
        if (SupportObjects.namedOtherwise(kind)) {
            return SupportObjects.sqlName(this);
        }
        return switch (kind) {
            case USER_MAPPING -> "FOR " + name + " SERVER " + Identifiers.quote(parent);
            case DEFAULT_PRIVILEGES, PRIVILEGES -> name;
            default -> kind.outsideSchemas() ? Identifiers.quote(name) : Identifiers.quote(schema) + "." + Identifiers.quote(name);
        };
    }

    /** The quoted, schema-qualified name of the table an object belongs to. */
    public String sqlTable() {
        return Identifiers.quote(schema) + "." + Identifiers.quote(parent);
    }

    @Override
    public int compareTo(ObjectId other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        String where = switch (kind) {
            case SCHEMA, EXTENSION, FOREIGN_DATA_WRAPPER, FOREIGN_SERVER, PUBLICATION, SUBSCRIPTION, EVENT_TRIGGER -> Identifiers.display(name);
            case OPERATOR, OPERATOR_FAMILY, OPERATOR_CLASS, CAST, TRANSFORM, ACCESS_METHOD, LANGUAGE -> SupportObjects.display(this);
            // already SQL: a quoted role name or PUBLIC; a description
            case USER_MAPPING -> "for " + name + " server " + Identifiers.display(parent);
            case DEFAULT_PRIVILEGES, PRIVILEGES -> name;
            case FUNCTION, PROCEDURE, AGGREGATE -> Identifiers.display(schema) + "." + name;
            case COLUMN -> Identifiers.display(schema) + "." + Identifiers.display(parent) + "." + Identifiers.display(name);
            case CONSTRAINT, TRIGGER, POLICY, RULE -> Identifiers.display(name) + " on "
                    + Identifiers.display(schema) + "." + Identifiers.display(parent);
            default -> Identifiers.display(schema) + "." + Identifiers.display(name);
        };
        return kind.label() + " " + where;
    }
}
