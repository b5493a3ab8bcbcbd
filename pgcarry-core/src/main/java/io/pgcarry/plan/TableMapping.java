package io.pgcarry.plan;

import io.pgcarry.catalog.QualifiedName;
import java.util.Map;
import java.util.Set;

/**
 * How one source table maps onto the target.
 *
 * @param target          the target table (the same name unless renamed)
 * @param columnRenames   source column to target column
 * @param excludedColumns source columns not copied
 * @param values          target column to a SQL expression evaluated on the source (a constant works too)
 */
public record TableMapping(QualifiedName target, Map<String, String> columnRenames, Set<String> excludedColumns,
                           Map<String, String> values) {
    public TableMapping {
        columnRenames = Map.copyOf(columnRenames);
        excludedColumns = Set.copyOf(excludedColumns);
        values = Map.copyOf(values);
    }

    public static TableMapping identity(QualifiedName table) {
        return new TableMapping(table, Map.of(), Set.of(), Map.of());
    }
}
