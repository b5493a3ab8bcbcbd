package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.schema.Hazard.Kind;
import io.pgcarry.schema.ObjectDifference.Change;
import java.util.List;

/**
 * Moves the foreign keys that point at a merged duplicate to its canonical table. A key SOURCE has (pointing elsewhere
 * by now) is dropped and added as SOURCE has it by the plan anyway; a key only TARGET has is dropped by the plan (here,
 * when its table is one only TARGET has, whose drop may be commented out), and added here again, the same but pointing at the canonical table: NOT VALID, then VALIDATE (after the merge, which
 * brought the rows it references), as the plan adds every foreign key.
 */
final class ForeignKeyMoves {
    private final StatementWriter writer;
    private final SchemaModel target;
    private final SchemaDifferences differences;

    ForeignKeyMoves(StatementWriter writer, SchemaModel target, SchemaDifferences differences) {
        this.writer = writer;
        this.target = target;
        this.differences = differences;
    }

    void move(ObjectId duplicate, ObjectId canonical) {
        for (SchemaObject key : target.ofKind(ObjectKind.CONSTRAINT)) {
            if (!"foreign key".equals(key.attribute("type")) || !pointsAt(key, duplicate) || key.id().table().equals(duplicate)) {
                continue;
            }
            if (change(key.id().table()) == Change.EXTRA) {
                // a table only TARGET has, whose drop may be commented out: its keys are dropped with it, or not at all
                writer.emit(Step.DROP_DEPENDENTS, key.id(), Ddl.drop(key.id()), List.of(new Hazard(Kind.WRITE_LOCK, "brief")));
            } else if (change(key.id()) != Change.EXTRA) {
                continue;
            }
            String references = "REFERENCES " + key.attribute("references") + "(";
            String definition = key.attribute("definition").replaceFirst(" NOT VALID$", "");
            ObjectId id = key.id();
            if (!definition.contains(references)) {
                writer.emitCommented(Step.POST_DATA, id, id + " pointed at " + duplicate + ": add it again for " + canonical + " by hand",
                        List.of(Hazard.of(Kind.MANUAL)));
                continue;
            }
            // The referenced table is the one part of the definition that changes: pg_get_constraintdef names it as
            // the model's "references" attribute does (format's %I.%I under the empty search path), so it is replaced.
            String moved = definition.replace(references, "REFERENCES " + canonical.sqlName() + "(");
            String name = Identifiers.quote(id.name());
            writer.emit(Step.POST_DATA, id, "ALTER TABLE " + id.sqlTable() + " ADD CONSTRAINT " + name + " " + moved + " NOT VALID",
                    List.of(new Hazard(Kind.WRITE_LOCK, "brief, on both tables; moved from " + duplicate + " to " + canonical)));
            if (!key.flag("not_valid")) {
                writer.emit(Step.POST_DATA, id, "ALTER TABLE " + id.sqlTable() + " VALIDATE CONSTRAINT " + name,
                        List.of(new Hazard(Kind.FULL_SCAN, "writes go on"), new Hazard(Kind.MAY_FAIL, "rows referencing keys neither table had")));
            }
        }
    }

    private static boolean pointsAt(SchemaObject key, ObjectId table) {
        String references = key.attribute("references");
        if (references == null) {
            return false;
        }
        List<String> name = Identifiers.splitQualified(references);
        return name.size() == 2 && name.get(0).equals(table.schema()) && name.get(1).equals(table.name());
    }

    private Change change(ObjectId id) {
        return differences.differences().stream().filter(d -> d.id().equals(id)).map(ObjectDifference::change).findFirst().orElse(null);
    }
}
