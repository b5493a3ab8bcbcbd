package io.pgcarry.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares two schema models object by object. Attributes that say where a column sits are compared as the
 * order of the columns both sides share, so one missing column does not make every later column "changed".
 */
public final class SchemaDiff {
    /**
     * Attributes that are not part of an object's definition for comparison: where a column sits and the columns of a
     * partition or child in their order (compared as an order), how such a table is created to keep its order (which
     * follows from the order), whether a materialized view holds rows (a matter of data, like a table's rows), and the
     * structure of a constraint that its definition already says (read for loads, so that none parses the definition).
     */
    private static final Set<String> IGNORED = Set.of("position", "unpopulated", "columns", "references", "ref_columns",
            "index_definition", "attach", "column_order", "attach_columns", "inherit_later");
    /** Attributes that stand for others only between major versions that print or file those differently. */
    private static final Set<String> ACROSS_MAJORS_ONLY = Set.of("all_members");

    private SchemaDiff() {
    }

    public static SchemaDifferences compare(SchemaModel source, SchemaModel target) {
        Map<ObjectId, SchemaObject> wanted = source.byId();
        Map<ObjectId, SchemaObject> found = target.byId();
        Set<ObjectId> ids = new TreeSet<>(wanted.keySet());
        ids.addAll(found.keySet());
        List<ObjectDifference> differences = new ArrayList<>();
        for (ObjectId id : ids) {
            SchemaObject s = wanted.get(id);
            SchemaObject t = found.get(id);
            if (t == null) {
                differences.add(new ObjectDifference(id, ObjectDifference.Change.MISSING, List.of()));
            } else if (s == null) {
                differences.add(new ObjectDifference(id, ObjectDifference.Change.EXTRA, List.of()));
            } else {
                List<AttributeChange> changes = attributeChanges(s, t, major(source) != major(target));
                if (id.kind() == ObjectKind.TABLE) {
                    columnOrder(id, source, target).ifPresent(changes::add);
                }
                if (!changes.isEmpty()) {
                    differences.add(new ObjectDifference(id, ObjectDifference.Change.CHANGED, changes));
                }
            }
        }
        return new SchemaDifferences(differences, source.warnings(), target.warnings());
    }

    private static List<AttributeChange> attributeChanges(SchemaObject source, SchemaObject target, boolean acrossMajors) {
        Set<String> names = new TreeSet<>(source.attributes().keySet());
        names.addAll(target.attributes().keySet());
        names.removeAll(IGNORED);
        if (!acrossMajors) {
            names.removeAll(ACROSS_MAJORS_ONLY);
        }
        List<AttributeChange> changes = new ArrayList<>();
        for (String name : names) {
            String wanted = source.attribute(name);
            String found = target.attribute(name);
            if (acrossMajors) {
                wanted = PrintedDefinitions.comparable(source.kind(), name, wanted);
                found = PrintedDefinitions.comparable(source.kind(), name, found);
            }
            if (!Objects.equals(wanted, found)) {
                changes.add(new AttributeChange(name, source.attribute(name), target.attribute(name)));
            }
        }
        return changes;
    }

    private static Optional<AttributeChange> columnOrder(ObjectId table, SchemaModel source, SchemaModel target) {
        List<String> wanted = columnNames(source, table);
        List<String> found = columnNames(target, table);
        List<String> sharedWanted = wanted.stream().filter(found::contains).toList();
        List<String> sharedFound = found.stream().filter(wanted::contains).toList();
        if (sharedWanted.equals(sharedFound)) {
            return Optional.empty();
        }
        return Optional.of(new AttributeChange("column order", String.join(", ", sharedWanted), String.join(", ", sharedFound)));
    }

    private static List<String> columnNames(SchemaModel model, ObjectId table) {
        return ColumnOrder.names(model, table);
    }

    private static int major(SchemaModel model) {
        String version = model.serverVersion() == null ? "" : model.serverVersion().replaceAll("^(\\d+).*", "$1");
        return version.matches("\\d+") ? Integer.parseInt(version) : 0;
    }
}
