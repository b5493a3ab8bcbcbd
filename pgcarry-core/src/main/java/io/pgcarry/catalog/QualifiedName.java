package io.pgcarry.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A schema-qualified object name, kept unquoted; {@link #sql()} quotes it for statements, {@link #toString()}
 * shows it as a person would type it.
 */
public record QualifiedName(String schema, String name) implements Comparable<QualifiedName> {
    public QualifiedName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    /**
     * Parses {@code name}, {@code schema.name} or quoted forms such as {@code "my.schema"."Table"}; an
     * unqualified name is in {@code defaultSchema}. Unquoted parts keep their case, as users write table
     * names the way their ORM shows them.
     */
    public static QualifiedName parse(String text, String defaultSchema) {
        List<String> parts = Identifiers.splitQualified(text);
        if (parts.size() == 1) {
            return new QualifiedName(defaultSchema, parts.get(0));
        }
        if (parts.size() == 2) {
            return new QualifiedName(parts.get(0), parts.get(1));
        }
        throw new IllegalArgumentException("'" + text + "' is not a table name; write table or schema.table");
    }

    public String sql() {
        return Identifiers.quote(schema) + "." + Identifiers.quote(name);
    }

    @Override
    public String toString() {
        return Identifiers.display(schema) + "." + Identifiers.display(name);
    }

    @Override
    public int compareTo(QualifiedName other) {
        int bySchema = schema.compareTo(other.schema);
        return bySchema != 0 ? bySchema : name.compareTo(other.name);
    }
}
