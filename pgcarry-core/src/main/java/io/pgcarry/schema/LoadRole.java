package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.QualifiedName;
import java.util.List;
import java.util.Objects;

/**
 * What a post-data statement builds on one table, as the catalog said when the script was written, so that a restore
 * can schedule it beside the loads without reading its SQL back: a key, an index, or a foreign key and the table it
 * references, with the steps that do it in place of the statement where it can be done in two: a key as its unique
 * index, then the constraint using it ({@link io.pgcarry.catalog.KeySteps}); a foreign key NOT VALID, then validated.
 * Other statements have none, and neither have statements of archives written before it was recorded: those run with
 * the rest of post-data.
 *
 * @param kind        what the statement builds
 * @param references  for a foreign key, the referenced table; otherwise null
 * @param steps       the two statements that do it in two steps, in order; empty when the statement runs as it is
 */
public record LoadRole(Kind kind, QualifiedName references, List<String> steps) {
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
        steps = steps == null ? List.of() : List.copyOf(steps);
        if (!steps.isEmpty() && steps.size() != 2) {
            throw new IllegalArgumentException("two steps or none");
        }
    }

    /** Whether it is done in two steps rather than by its statement. */
    public boolean inTwoSteps() {
        return !steps.isEmpty();
    }

    /** The role of the statement {@code sql} that creates {@code object}; null when it builds nothing a restore schedules. */
    static LoadRole of(SchemaObject object, String sql) {
        ObjectId id = object.id();
        if (id.kind() == ObjectKind.INDEX) {
            return new LoadRole(Kind.INDEX, null, List.of());
        }
        if (id.kind() != ObjectKind.CONSTRAINT) {
            return null;
        }
        String alter = "ALTER TABLE " + id.sqlTable() + " ";
        String name = Identifiers.quote(id.name());
        return switch (object.attribute("type")) {
            case "primary key", "unique", "exclusion" -> {
                String attach = object.attribute("attach");
                String index = object.attribute("index_definition");
                yield new LoadRole(Kind.KEY, null, attach == null || index == null ? List.of()
                        : List.of(index, alter + "ADD CONSTRAINT " + name + " " + attach));
            }
            case "foreign key" -> {
                String references = object.attribute("references");
                // A key NOT VALID in the source stays so: its statement adds it NOT VALID and nothing validates it.
                yield references == null ? null : new LoadRole(Kind.FOREIGN_KEY, table(references), object.flag("not_valid")
                        ? List.of() : List.of(sql + " NOT VALID", alter + "VALIDATE CONSTRAINT " + name));
            }
            default -> null;
        };
    }

    /** {@code schema.table} as {@code format('%I.%I')} printed it. */
    private static QualifiedName table(String printed) {
        List<String> parts = Identifiers.splitQualified(printed);
        return new QualifiedName(parts.get(0), parts.get(1));
    }
}
