package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Aligns the attributes of {@link LocalAttributes} in place: column defaults, NOT NULL, storage, compression and
 * statistics targets a table holds beyond its parent's, view column defaults and comments, a key's index comment and
 * the states of a trigger's partition clones. A tree of partition indexes is aligned by re-creating the index.
 */
final class LocalAttributeChanges {
    private LocalAttributeChanges() {
    }

    /** Writes the statements for the changes it aligns; returns the others. */
    static List<AttributeChange> write(StatementWriter writer, SchemaObject wanted, SchemaObject found, List<AttributeChange> changes) {
        List<AttributeChange> remaining = new ArrayList<>();
        for (AttributeChange change : changes) {
            if (!write(writer, wanted, found, change.attribute())) {
                remaining.add(change);
            }
        }
        return remaining;
    }

    private static boolean write(StatementWriter writer, SchemaObject wanted, SchemaObject found, String attribute) {
        ObjectId id = wanted.id();
        int phase = StatementWriter.phaseOf(id);
        switch (id.kind() + " " + attribute) {
            case "TABLE column_defaults" -> changed(wanted, found, attribute).forEach(column -> writer.emit(phase, id,
                    LocalAttributes.columnDefault(id, column, effectiveDefault(writer.source(), wanted, column)), List.of()));
            case "TABLE column_not_null" -> notNull(writer, wanted, found);
            case "TABLE column_storage" -> changed(wanted, found, attribute).forEach(column -> storage(writer, wanted, column));
            case "TABLE column_compression" -> changed(wanted, found, attribute).forEach(column -> writer.emit(phase, id,
                    LocalAttributes.columnCompression(id, column, LocalAttributes.object(wanted, attribute).get(column)), List.of()));
            case "TABLE column_statistics" -> changed(wanted, found, attribute).forEach(column -> writer.emit(phase, id,
                    LocalAttributes.columnStatistics(id, column, LocalAttributes.object(wanted, attribute).get(column)), List.of()));
            case "VIEW column_defaults" -> changed(wanted, found, attribute).forEach(column -> writer.emit(phase, id,
                    LocalAttributes.viewDefault(id, column, LocalAttributes.object(wanted, attribute).get(column)), List.of()));
            case "VIEW column_comments", "MATERIALIZED_VIEW column_comments" -> changed(wanted, found, attribute).forEach(column ->
                    writer.emit(phase, id, LocalAttributes.columnComment(id, column, LocalAttributes.object(wanted, attribute).get(column)), List.of()));
            case "CONSTRAINT index_comment" -> writer.emit(phase, id, LocalAttributes.indexComment(id, wanted.attribute(attribute)), List.of());
            case "VIEW column_acl", "MATERIALIZED_VIEW column_acl" -> ViewColumns.alignGrants(wanted, found)
                    .forEach(sql -> writer.emit(phase, id, sql, List.of()));
            case "MATERIALIZED_VIEW column_settings" -> {
                ViewColumns.alignSettings(wanted, found).forEach(sql -> writer.emit(phase, id, sql, List.of()));
                ViewColumns.settingsOnlyInTarget(wanted, found).forEach(column -> writer.emitCommented(phase, id, "column " + column
                        + " of " + id + " has a storage, compression or statistics setting SOURCE leaves at its default: reset it by hand",
                        List.of(Hazard.of(Hazard.Kind.MANUAL))));
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The columns whose entry differs between the two sides' JSON objects (an entry may be present and null). */
    private static List<String> changed(SchemaObject wanted, SchemaObject found, String attribute) {
        Map<String, String> a = LocalAttributes.object(wanted, attribute);
        Map<String, String> b = LocalAttributes.object(found, attribute);
        TreeSet<String> columns = new TreeSet<>(a.keySet());
        columns.addAll(b.keySet());
        return columns.stream().filter(c -> a.containsKey(c) != b.containsKey(c) || !Objects.equals(a.get(c), b.get(c))).toList();
    }

    /** A column's own storage; where SOURCE states none it is its type's, which the model does not name. */
    private static void storage(StatementWriter writer, SchemaObject wanted, String column) {
        String storage = LocalAttributes.object(wanted, "column_storage").get(column);
        if (storage != null) {
            writer.emit(Step.PRE_DATA, wanted.id(), LocalAttributes.columnStorage(wanted.id(), column, storage), List.of());
        } else {
            writer.emitCommented(Step.PRE_DATA, wanted.id(), "column " + column + " of " + wanted.id() + " has the storage of its type in SOURCE:"
                    + " set it by hand (ALTER TABLE ONLY ... ALTER COLUMN ... SET STORAGE)", List.of(Hazard.of(Hazard.Kind.MANUAL)));
        }
    }

    private static void notNull(StatementWriter writer, SchemaObject wanted, SchemaObject found) {
        List<String> want = Ddl.jsonStrings(wanted.attribute("column_not_null"));
        List<String> have = Ddl.jsonStrings(found.attribute("column_not_null"));
        ObjectId id = wanted.id();
        want.stream().filter(c -> !have.contains(c)).forEach(c -> writer.emit(Step.PRE_DATA, id,
                LocalAttributes.alterColumn(id, c) + " SET NOT NULL", List.of(new Hazard(Hazard.Kind.FULL_SCAN, "under an exclusive lock"))));
        have.stream().filter(c -> !want.contains(c)).forEach(c -> writer.emit(Step.PRE_DATA, id,
                LocalAttributes.alterColumn(id, c) + " DROP NOT NULL", List.of()));
    }

    /** The default a column of {@code table} has in the model: its own when it holds one, else its first parent's. */
    static String effectiveDefault(SchemaModel model, SchemaObject table, String column) {
        Map<String, String> own = LocalAttributes.object(table, "column_defaults");
        if (own.containsKey(column)) {
            return own.get(column);
        }
        Optional<SchemaObject> local = model.find(new ObjectId(ObjectKind.COLUMN, table.id().schema(), column, table.id().name()));
        if (local.isPresent()) {
            return local.get().attribute("default");
        }
        String parents = table.attribute("partition_of") != null ? table.attribute("partition_of") : table.attribute("inherits");
        if (parents == null) {
            return null;
        }
        for (String parent : ConstraintAdds.splitList(parents)) {
            List<String> name = Identifiers.splitQualified(parent);
            Optional<SchemaObject> p = model.find(new ObjectId(ObjectKind.TABLE, name.get(0), name.get(1), null));
            String inherited = p.map(t -> effectiveDefault(model, t, column)).orElse(null);
            if (inherited != null) {
                return inherited;
            }
        }
        return null;
    }
}
