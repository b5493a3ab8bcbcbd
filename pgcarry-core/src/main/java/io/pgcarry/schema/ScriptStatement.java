package io.pgcarry.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One statement of a schema script.
 *
 * @param sql     the statement, without its terminating semicolon
 * @param section pre-data or post-data
 * @param object  the object it creates or changes
 * @param keepUnpopulated for the creation of a materialized view that is unpopulated in the source: it stays so, never
 *                refreshed after the load (false in archives written before this was recorded, which refresh every view)
 * @param load    for a post-data statement that builds a key, index or foreign key, what it builds; otherwise null
 */
public record ScriptStatement(String sql, Section section, ObjectId object, boolean keepUnpopulated,
                              @JsonInclude(JsonInclude.Include.NON_NULL) LoadRole load) {
    public ScriptStatement(String sql, Section section, ObjectId object) {
        this(sql, section, object, false, null);
    }

    public ScriptStatement {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(section, "section");
    }
}
