package io.pgcarry.schema;

import io.pgcarry.error.Setting;
import io.pgcarry.schema.Hazard.Kind;
import java.util.List;

/** Changes to a table's own attributes: persistence, storage options, row-level security, replica identity. */
final class TableChanges {
    private TableChanges() {
    }

    /** Whether the table is a partition or an inheritance child. */
    static boolean hasParents(SchemaObject table) {
        return table.attribute("partition_of") != null || table.attribute("inherits") != null;
    }

    static void write(StatementWriter writer, SchemaObject wanted, List<AttributeChange> changes) {
        ObjectId id = wanted.id();
        String table = "ALTER TABLE " + id.sqlName();
        for (AttributeChange change : changes) {
            switch (change.attribute()) {
                case "persistence" -> writer.emit(Step.PRE_DATA, id, table + (change.source() == null ? " SET LOGGED" : " SET UNLOGGED"),
                        List.of(Hazard.of(Kind.ACCESS_EXCLUSIVE_LOCK), Hazard.of(Kind.TABLE_REWRITE)));
                case "options" -> {
                    if (change.target() != null) {
                        writer.emit(Step.PRE_DATA, id, table + " RESET (" + String.join(", ",
                                ConstraintAdds.splitList(change.target()).stream().map(o -> o.split("=")[0]).toList()) + ")", List.of());
                    }
                    if (change.source() != null) {
                        writer.emit(Step.PRE_DATA, id, table + " SET (" + change.source() + ")", List.of());
                    }
                }
                case "row_security" -> writer.emit(Step.PRE_DATA, id, table + (change.source() == null ? " DISABLE" : " ENABLE")
                        + " ROW LEVEL SECURITY", List.of(new Hazard(Kind.ACCESS_EXCLUSIVE_LOCK, "brief")));
                case "force_row_security" -> writer.emit(Step.PRE_DATA, id, table + (change.source() == null ? " NO FORCE" : " FORCE")
                        + " ROW LEVEL SECURITY", List.of(new Hazard(Kind.ACCESS_EXCLUSIVE_LOCK, "brief")));
                case "replica_identity" -> writer.emit(Step.PRE_DATA, id, table + " REPLICA IDENTITY "
                        + (change.source() == null ? "DEFAULT" : change.source().toUpperCase()), List.of());
                case "column order" -> writer.emitCommented(Step.PRE_DATA, id, "the column order of " + id + " differs (SOURCE: "
                        + change.source() + "); " + (hasParents(wanted) ? "a partition or inheritance child takes its order when it is"
                        + " created: detach it, create it as SOURCE has it, attach it and copy its rows, by hand"
                        : "only a rebuild changes it: use " + Setting.REBUILD.mention()), List.of(Hazard.of(Kind.MANUAL)));
                default -> writer.emitCommented(Step.PRE_DATA, id, change.attribute().replace('_', ' ') + " of " + id + " differs: "
                        + change.source() + " in SOURCE, " + change.target() + " in TARGET; the table must be rebuilt",
                        List.of(Hazard.of(Kind.MANUAL)));
            }
        }
    }
}
