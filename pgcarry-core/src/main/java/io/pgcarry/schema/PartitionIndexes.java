package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import java.util.ArrayList;
import java.util.List;

/**
 * The index of a partitioned table written as the tree of its partitions' indexes, when a CREATE INDEX on the table
 * would not give that tree (attribute {@code partition_indexes}, see {@code LocalAttributes.sql}): the index ON ONLY the
 * table, then each partition's index under its own name (ON ONLY a partitioned partition), attached to its parent's
 * index, shallowest first, with its comment. A partition without an index keeps none, and the indexes above it stay
 * INVALID, as in the source. As pg_dump writes such trees.
 */
final class PartitionIndexes {
    private static final int SCHEMA = 0;
    private static final int NAME = 1;
    private static final int PARENT_SCHEMA = 4;
    private static final int PARENT_NAME = 5;
    private static final int DEFINITION = 6;
    private static final int COMMENT = 7;

    private PartitionIndexes() {
    }

    /** The statement that creates the index: ON ONLY its table when its tree is written out, else its definition. */
    static String create(SchemaObject index) {
        List<List<String>> rows = Ddl.jsonRows(index.attribute("partition_indexes"));
        return rows.isEmpty() ? index.attribute("definition") : rows.get(0).get(DEFINITION);
    }

    /** The partitions' indexes that follow the index's creation, each created (unless a key of its own made it) and attached. */
    static List<String> statements(SchemaObject index) {
        List<List<String>> rows = Ddl.jsonRows(index.attribute("partition_indexes"));
        List<String> sql = new ArrayList<>();
        for (List<String> row : rows.subList(Math.min(1, rows.size()), rows.size())) {
            String name = Identifiers.quote(row.get(SCHEMA)) + "." + Identifiers.quote(row.get(NAME));
            if (row.get(DEFINITION) != null) {
                sql.add(row.get(DEFINITION));
            }
            sql.add("ALTER INDEX " + Identifiers.quote(row.get(PARENT_SCHEMA)) + "." + Identifiers.quote(row.get(PARENT_NAME))
                    + " ATTACH PARTITION " + name);
            if (row.get(COMMENT) != null) {
                sql.add("COMMENT ON INDEX " + name + " IS " + Identifiers.literal(row.get(COMMENT)));
            }
        }
        return sql;
    }
}
