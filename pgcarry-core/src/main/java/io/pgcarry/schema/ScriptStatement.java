package io.pgcarry.schema;

import java.util.Objects;

/**
 * One statement of a schema script.
 *
 * @param sql     the statement, without its terminating semicolon
 * @param section pre-data or post-data
 * @param object  the object it creates or changes
 */
public record ScriptStatement(String sql, Section section, ObjectId object) {
    public ScriptStatement {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(section, "section");
    }
}
