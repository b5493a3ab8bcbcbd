package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import java.util.Objects;
import java.util.Optional;

/**
 * One statement of a schema script.
 *
 * @param sql     the statement, without its terminating semicolon
 * @param section pre-data or post-data
 * @param object  the object it creates or changes
 * @param keepUnpopulated for the creation of a materialized view that is unpopulated in the source: it stays so, never
 *                refreshed after the load (false in archives written before this was recorded, which refresh every view)
 */
public record ScriptStatement(String sql, Section section, ObjectId object, boolean keepUnpopulated) {
    public ScriptStatement(String sql, Section section, ObjectId object) {
        this(sql, section, object, false);
    }

    public ScriptStatement {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(section, "section");
    }

    /** The start of a statement that adds the constraint {@code object} to its table, up to its definition. */
    public String addConstraintPrefix() {
        return "ALTER TABLE " + object.sqlTable() + " ADD CONSTRAINT " + Identifiers.quote(object.name()) + " ";
    }

    /**
     * The definition of the constraint this statement adds ({@code PRIMARY KEY (id)}, {@code FOREIGN KEY ...}), when it
     * is the script's {@code ALTER TABLE t ADD CONSTRAINT k ...} of a constraint object; empty otherwise.
     */
    public Optional<String> addedConstraint() {
        if (object == null || object.kind() != ObjectKind.CONSTRAINT) {
            return Optional.empty();
        }
        String prefix = addConstraintPrefix();
        return sql.startsWith(prefix) ? Optional.of(sql.substring(prefix.length())) : Optional.empty();
    }
}
