package io.pgcarry.backup;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.schema.ScriptStatement;
import java.util.Optional;

/**
 * A post-data statement that adds a foreign key, read for the two tables it joins, so that a restore can add it as
 * soon as both are built instead of with the rest of post-data. The statement is the schema script's
 * {@code ALTER TABLE t ADD CONSTRAINT k FOREIGN KEY (...) REFERENCES s.r(...)}, whose referenced table PostgreSQL
 * prints schema-qualified (the script is read with an empty search_path); anything else is not recognised.
 *
 * @param table       the referencing table, quoted as resources know it
 * @param references  the referenced table, quoted the same way
 */
record ForeignKeyAdd(String table, String references) {
    static Optional<ForeignKeyAdd> of(ScriptStatement statement) {
        String definition = statement.addedConstraint().orElse("");
        String foreignKey = "FOREIGN KEY (";
        if (!definition.startsWith(foreignKey)) {
            return Optional.empty();
        }
        int at = skipIdentifiers(definition, foreignKey.length(), ')');
        String references = ") REFERENCES ";
        if (at < 0 || !definition.startsWith(references, at)) {
            return Optional.empty();
        }
        int start = at + references.length();
        int end = skipIdentifiers(definition, start, '(');
        if (end < 0) {
            return Optional.empty();
        }
        String name = definition.substring(start, end);
        if (Identifiers.splitQualified(name).size() != 2) {
            return Optional.empty();
        }
        return Optional.of(new ForeignKeyAdd(statement.object().sqlTable(), QualifiedName.parse(name, null).sql()));
    }

    /** The position of {@code stop} after identifiers (quoted ones may hold anything), or -1. */
    private static int skipIdentifiers(String sql, int from, char stop) {
        boolean quoted = false;
        for (int i = from; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == stop) {
                return i;
            }
        }
        return -1;
    }
}
