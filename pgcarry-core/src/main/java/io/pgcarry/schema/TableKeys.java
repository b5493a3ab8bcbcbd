package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import java.util.HashSet;
import java.util.List;

/** The keys of a table as a schema model holds them: column names, unquoted, in key order. */
final class TableKeys {
    private TableKeys() {
    }

    /** The primary key's columns; empty without one. */
    static List<String> primaryKey(SchemaModel model, ObjectId table) {
        return model.childrenOf(table, ObjectKind.CONSTRAINT).stream()
                .filter(c -> "primary key".equals(c.attribute("type")))
                .findFirst().map(TableKeys::columns).orElse(List.of());
    }

    /** Whether a primary key or unique constraint of the table is on exactly these columns, in any order. */
    static boolean unique(SchemaModel model, ObjectId table, List<String> columns) {
        return model.childrenOf(table, ObjectKind.CONSTRAINT).stream()
                .filter(c -> "primary key".equals(c.attribute("type")) || "unique".equals(c.attribute("type")))
                .anyMatch(c -> new HashSet<>(columns(c)).equals(new HashSet<>(columns)));
    }

    /** The names of a table's columns, in their order. */
    static List<String> columnNames(SchemaModel model, ObjectId table) {
        return model.childrenOf(table, ObjectKind.COLUMN).stream().map(c -> c.id().name()).toList();
    }

    private static List<String> columns(SchemaObject constraint) {
        // quote_ident's output: one identifier each, which the splitter unquotes
        return Ddl.jsonStrings(constraint.attribute("columns")).stream().map(c -> Identifiers.splitQualified(c).get(0)).toList();
    }
}
