package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.QualifiedName;
import java.util.List;
import java.util.Objects;

/**
 * What a post-data statement builds on one table, as the catalog said when the script was written, so that a restore
 * can schedule it beside the loads without reading its SQL back: a key (in two steps when it can be), an index, or a
 * foreign key and the table it references. Other statements have none, and neither have statements of archives
 * written before it was recorded: those run with the rest of post-data.
 *
 * @param kind        what the statement builds
 * @param references  for a foreign key, the referenced table as {@link QualifiedName#sql()} writes it; otherwise null
 * @param indexStep   for a key that can be added in two steps, its {@code CREATE UNIQUE INDEX}; otherwise null
 * @param attachStep  then, its {@code ALTER TABLE ... ADD CONSTRAINT ... USING INDEX}; otherwise null
 */
public record LoadRole(Kind kind, String references, String indexStep, String attachStep) {
    /** What a statement builds. */
    public enum Kind {
        /** A primary key, unique or exclusion constraint, and its index. */
        KEY,
        /** An index that backs no constraint. */
        INDEX,
        /** A foreign key. */
        FOREIGN_KEY
    }

    public LoadRole {
        Objects.requireNonNull(kind, "kind");
        if ((indexStep == null) != (attachStep == null)) {
            throw new IllegalArgumentException("a key in two steps needs both steps");
        }
    }

    /** Whether this is a key added as its index first, then as the constraint using it. */
    public boolean inTwoSteps() {
        return indexStep != null;
    }

    /** The two steps of such a key, in order. */
    public List<String> twoSteps() {
        return List.of(indexStep, attachStep);
    }

    /** The role of the statement that creates {@code object}; null when it builds nothing a restore schedules. */
    static LoadRole of(SchemaObject object) {
        ObjectId id = object.id();
        if (id.kind() == ObjectKind.INDEX) {
            return new LoadRole(Kind.INDEX, null, null, null);
        }
        if (id.kind() != ObjectKind.CONSTRAINT) {
            return null;
        }
        return switch (object.attribute("type")) {
            case "primary key", "unique", "exclusion" -> {
                String attach = object.attribute("attach");
                String index = object.attribute("index_definition");
                boolean twoSteps = attach != null && index != null;
                yield new LoadRole(Kind.KEY, null, twoSteps ? index : null, twoSteps ? "ALTER TABLE " + id.sqlTable()
                        + " ADD CONSTRAINT " + Identifiers.quote(id.name()) + " " + attach : null);
            }
            case "foreign key" -> {
                String references = object.attribute("references");
                yield references == null ? null : new LoadRole(Kind.FOREIGN_KEY, table(references), null, null);
            }
            default -> null;
        };
    }

    /** {@code schema.table} as {@code format('%I.%I')} printed it, written as {@link QualifiedName#sql()} does. */
    private static String table(String printed) {
        List<String> parts = Identifiers.splitQualified(printed);
        return new QualifiedName(parts.get(0), parts.get(1)).sql();
    }
}
