package io.pgcarry.catalog;

import java.util.Objects;

/**
 * A table column.
 *
 * @param name        the column name
 * @param position    its attribute number
 * @param type        the full type as PostgreSQL prints it ({@code character varying(40)}, {@code "Status"[]})
 * @param typeName    the type's own schema-qualified name, without modifiers
 * @param typeKind    {@code b} base, {@code e} enum, {@code d} domain, {@code c} composite, {@code r} range
 * @param builtIn     whether the type (or its array element) is built into PostgreSQL
 * @param array       whether it is an array
 * @param notNull     NOT NULL
 * @param defaultSql  the default expression, or null
 * @param identity    {@code a} (ALWAYS), {@code d} (BY DEFAULT) or empty
 * @param generated   whether it is a stored generated column
 * @param maxLength   the n of {@code varchar(n)}/{@code char(n)}, or null
 * @param precision   the precision of {@code numeric(p,s)}, or null
 * @param scale       the scale of {@code numeric(p,s)}, or null
 * @param binaryIo    whether the type (its element, its base type) has binary send and receive functions, which binary
 *                    COPY needs ({@code aclitem} has not)
 */
public record Column(String name, int position, String type, QualifiedName typeName, char typeKind, boolean builtIn,
                     boolean array, boolean notNull, String defaultSql, String identity, boolean generated,
                     Integer maxLength, Integer precision, Integer scale, boolean binaryIo) {
    /** A column of a type with binary I/O, as every type but a few is. */
    public Column(String name, int position, String type, QualifiedName typeName, char typeKind, boolean builtIn,
                  boolean array, boolean notNull, String defaultSql, String identity, boolean generated,
                  Integer maxLength, Integer precision, Integer scale) {
        this(name, position, type, typeName, typeKind, builtIn, array, notNull, defaultSql, identity, generated, maxLength,
                precision, scale, true);
    }

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        identity = identity == null ? "" : identity;
    }

    public String sql() {
        return Identifiers.quote(name);
    }

    public boolean isIdentity() {
        return !identity.isEmpty();
    }

    /** Whether an insert that leaves this column out still succeeds. */
    public boolean hasDefault() {
        return defaultSql != null || isIdentity() || generated;
    }
}
