package io.pgcarry.lint;

import com.fasterxml.jackson.annotation.JsonValue;
import io.pgcarry.catalog.Identifiers;
import java.util.Objects;

/**
 * A relation as a statement names it: unquoted parts already folded to lower case, as PostgreSQL folds them.
 *
 * @param schema the schema written, or null when the name is unqualified (the server's search path decides)
 * @param name   the relation's name
 */
public record TableRef(String schema, String name) {
    public TableRef {
        Objects.requireNonNull(name, "name");
    }

    /** Whether both can name the same relation: the same name, and the same schema where both give one. */
    public boolean sameAs(TableRef other) {
        return name.equals(other.name) && (schema == null || other.schema == null || schema.equals(other.schema));
    }

    /** The name quoted for SQL, qualified when the statement qualified it: {@code "Animal"}, {@code app."user"}. */
    public String sql() {
        return (schema == null ? "" : Identifiers.quote(schema) + ".") + Identifiers.quote(name);
    }

    @JsonValue
    @Override
    public String toString() {
        return (schema == null ? "" : Identifiers.display(schema) + ".") + Identifiers.display(name);
    }
}
