package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.SqlResource;
import java.util.ArrayList;
import java.util.List;

/**
 * The column order of partitions and inheritance children, read by {@code ColumnOrder.sql} into attributes of the
 * table. {@code CREATE TABLE ... PARTITION OF} and {@code ... INHERITS} put the parents' columns first; a table whose
 * columns stand otherwise (a partition created on its own and attached, a child made to inherit after it was created)
 * is created as pg_dump creates every partition: on its own, its columns in its order, then attached to its parent
 * ({@code ALTER TABLE ONLY parent ATTACH PARTITION}) or made to inherit ({@code ALTER TABLE ONLY child INHERIT}).
 */
final class ColumnOrder {
    static final SqlResource SQL = SqlResource.of(ColumnOrder.class);
    /** Queries whose rows are merged into tables the object queries already read. */
    static final List<String> QUERIES = List.of("column_order");

    private ColumnOrder() {
    }

    /** Whether a partition is created on its own with {@link #createPartition} and attached afterwards. */
    static boolean attachedLater(SchemaObject table) {
        return table.attribute("partition_of") != null && table.attribute("attach_columns") != null;
    }

    /** Whether an inheritance child is created without INHERITS, its columns in its order, and inherits afterwards. */
    static boolean inheritsLater(SchemaObject table) {
        return table.attribute("inherits") != null && table.flag("inherit_later");
    }

    /**
     * A partition's CREATE TABLE on its own (up to its access method and storage options): its columns in its order and
     * the checks ATTACH PARTITION wants it to hold; a partitioned partition says its key.
     */
    static String createPartition(SchemaObject partition, String unlogged) {
        List<String> elements = Ddl.jsonStrings(partition.attribute("attach_columns"));
        return "CREATE " + unlogged + "TABLE " + partition.id().sqlName() + " ("
                + (elements.isEmpty() ? "" : "\n    " + String.join(",\n    ", elements) + "\n") + ")"
                + (partition.attribute("partition_key") == null ? "" : "\nPARTITION BY " + partition.attribute("partition_key"));
    }

    /** What makes a table created on its own a partition or child of its parents: right after its CREATE TABLE. */
    static List<String> attach(SchemaObject table) {
        List<String> sql = new ArrayList<>();
        if (table.kind() != ObjectKind.TABLE) {
            return sql;
        }
        if (attachedLater(table)) {
            sql.add("ALTER TABLE ONLY " + quoted(table.attribute("partition_of")) + " ATTACH PARTITION " + table.id().sqlName() + " "
                    + table.attribute("partition_bound"));
        } else if (inheritsLater(table)) {
            for (String parent : ConstraintAdds.splitList(table.attribute("inherits"))) {
                sql.add("ALTER TABLE ONLY " + table.id().sqlName() + " INHERIT " + quoted(parent));
            }
        }
        return sql;
    }

    /**
     * The names of a table's columns in their order: every column of a partition or child (read as
     * {@code column_order}), the column objects of any other table.
     */
    static List<String> names(SchemaModel model, ObjectId table) {
        List<String> read = model.find(table).map(t -> Ddl.jsonStrings(t.attribute("column_order"))).orElse(List.of());
        return !read.isEmpty() ? read : model.childrenOf(table, ObjectKind.COLUMN).stream().map(c -> c.id().name()).toList();
    }

    /** A qualified name as the catalog query writes it (quoted where needed), quoted throughout. */
    private static String quoted(String qualified) {
        List<String> parts = Identifiers.splitQualified(qualified);
        return Identifiers.quote(parts.get(0)) + "." + Identifiers.quote(parts.get(1));
    }
}
