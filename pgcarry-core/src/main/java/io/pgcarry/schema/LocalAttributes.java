package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.SqlResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a table, view, trigger or key holds beyond what its CREATE gives it, read by the queries of
 * {@code LocalAttributes.sql} into attributes of the object: a partition's or inheritance child's own column defaults,
 * NOT NULL, generation expressions, storage, compression and statistics targets, the enable state of a trigger's
 * clones on partitions, view column defaults, comments on view columns and on a key's index, a table access method
 * other than heap, and the tree of a partitioned table's index where a CREATE INDEX would not make it
 * ({@link PartitionIndexes}). Written as pg_dump writes them: ALTER statements after the object is created.
 */
public final class LocalAttributes {
    static final SqlResource SQL = SqlResource.of(LocalAttributes.class);
    /** Queries whose rows are merged into objects the object queries already read. */
    static final List<String> QUERIES = List.of("inherited_columns", "partition_trigger_states", "view_columns",
            "key_index_comments", "access_methods", "partition_indexes");

    private LocalAttributes() {
    }

    /**
     * What a move's load undoes and so is stated again after it: the load sets the keys of empty tables aside and rebuilds
     * them, without the comment of their index.
     */
    public static List<ScriptStatement> afterLoad(SchemaModel model) {
        return model.ofKind(ObjectKind.CONSTRAINT).stream().filter(o -> o.attribute("index_comment") != null)
                .map(o -> new ScriptStatement(indexComment(o.id(), o.attribute("index_comment")), Section.POST_DATA, o.id())).toList();
    }

    /** The USING clause of CREATE TABLE or CREATE MATERIALIZED VIEW; empty for heap. */
    static String using(SchemaObject o) {
        return o.attribute("access_method") == null ? "" : " USING " + o.attribute("access_method");
    }

    /** A partition's own generation expressions, as the column list of CREATE TABLE ... PARTITION OF (16 on). */
    static String partitionColumns(SchemaObject table) {
        List<String> columns = new ArrayList<>();
        Ddl.jsonObject(table.attribute("column_generated")).forEach((column, expression) ->
                columns.add(Identifiers.quote(column) + " GENERATED ALWAYS AS (" + expression + ") STORED"));
        return columns.isEmpty() ? "" : " (\n    " + String.join(",\n    ", columns) + "\n)";
    }

    /** What follows an object's creation: the ALTER and COMMENT statements for its local attributes. */
    static List<String> statements(SchemaObject o) {
        return switch (o.kind()) {
            case TABLE -> {
                List<String> sql = new ArrayList<>();
                Ddl.jsonObject(o.attribute("column_defaults")).forEach((column, expression) -> sql.add(columnDefault(o.id(), column, expression)));
                Ddl.jsonStrings(o.attribute("column_not_null")).forEach(column -> sql.add(alterColumn(o.id(), column) + " SET NOT NULL"));
                sql.addAll(columnSettings(o));
                yield sql;
            }
            case TRIGGER -> partitionStates(o);
            case VIEW, MATERIALIZED_VIEW -> {
                List<String> sql = new ArrayList<>();
                Ddl.jsonObject(o.attribute("column_defaults")).forEach((column, expression) -> sql.add(viewDefault(o.id(), column, expression)));
                Ddl.jsonObject(o.attribute("column_comments")).forEach((column, text) -> sql.add(columnComment(o.id(), column, text)));
                yield sql;
            }
            case CONSTRAINT -> o.attribute("index_comment") == null ? List.of() : List.of(indexComment(o.id(), o.attribute("index_comment")));
            case INDEX -> PartitionIndexes.statements(o);
            default -> List.of();
        };
    }

    /** A partition's or child's own storage, compression and statistics target of the columns it takes from its parent. */
    static List<String> columnSettings(SchemaObject table) {
        List<String> sql = new ArrayList<>();
        object(table, "column_storage").forEach((column, storage) -> sql.add(columnStorage(table.id(), column, storage)));
        object(table, "column_compression").forEach((column, method) -> sql.add(columnCompression(table.id(), column, method)));
        object(table, "column_statistics").forEach((column, target) -> sql.add(columnStatistics(table.id(), column, target)));
        return sql;
    }

    /** {@code storage} is {@code pg_attribute.attstorage}. */
    static String columnStorage(ObjectId table, String column, String storage) {
        return alterColumn(table, column) + " SET STORAGE " + ObjectExtras.storage(storage);
    }

    /** {@code method} is pglz or lz4; anything else (null too) is the server's default. */
    static String columnCompression(ObjectId table, String column, String method) {
        return alterColumn(table, column) + " SET COMPRESSION " + ("pglz".equals(method) || "lz4".equals(method) ? method : "default");
    }

    /** {@code target} null resets the column's statistics target. */
    static String columnStatistics(ObjectId table, String column, String target) {
        return alterColumn(table, column) + " SET STATISTICS " + (target == null ? -1 : Integer.parseInt(target));
    }

    /** The statements that set each partition's clone of a trigger, shallowest partition first. */
    static List<String> partitionStates(SchemaObject trigger) {
        List<String> sql = new ArrayList<>();
        for (List<String> state : Ddl.jsonRows(trigger.attribute("partition_states"))) {
            sql.add("ALTER TABLE " + Identifiers.quote(state.get(0)) + "." + Identifiers.quote(state.get(1)) + " " + switch (state.get(3)) {
                case "disabled" -> "DISABLE";
                case "replica" -> "ENABLE REPLICA";
                case "always" -> "ENABLE ALWAYS";
                default -> "ENABLE";
            } + " TRIGGER " + Identifiers.quote(state.get(2)));
        }
        return sql;
    }

    static String columnDefault(ObjectId table, String column, String expression) {
        return alterColumn(table, column) + (expression == null ? " DROP DEFAULT" : " SET DEFAULT " + expression);
    }

    static String alterColumn(ObjectId table, String column) {
        return "ALTER TABLE ONLY " + table.sqlName() + " ALTER COLUMN " + Identifiers.quote(column);
    }

    static String viewDefault(ObjectId view, String column, String expression) {
        return "ALTER VIEW " + view.sqlName() + " ALTER COLUMN " + Identifiers.quote(column)
                + (expression == null ? " DROP DEFAULT" : " SET DEFAULT " + expression);
    }

    static String columnComment(ObjectId relation, String column, String text) {
        return "COMMENT ON COLUMN " + relation.sqlName() + "." + Identifiers.quote(column) + " IS "
                + (text == null ? "NULL" : Identifiers.literal(text));
    }

    static String indexComment(ObjectId constraint, String text) {
        return "COMMENT ON INDEX " + Identifiers.quote(constraint.schema()) + "." + Identifiers.quote(constraint.name()) + " IS "
                + (text == null ? "NULL" : Identifiers.literal(text));
    }

    /** A JSON-object attribute (column name to value; a value may be null) as a map. */
    static Map<String, String> object(SchemaObject o, String attribute) {
        return Ddl.jsonObject(o.attribute(attribute));
    }
}
