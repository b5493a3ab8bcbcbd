package io.pgcarry.verify;

import java.util.List;
import java.util.Map;

/**
 * One row that differs between the two sides.
 *
 * @param kind     {@code missing} (in the source only), {@code extra} (in the target only) or {@code changed}
 * @param key      the row's primary key, such as {@code id=42}
 * @param columns  for a changed row, the target columns whose values differ
 * @param values   with {@code --show-values}, per differing column {@code [source, target]}; otherwise empty
 */
public record RowDifference(String kind, String key, List<String> columns, Map<String, List<String>> values) {
    public static final String MISSING = "missing";
    public static final String EXTRA = "extra";
    public static final String CHANGED = "changed";

    public RowDifference {
        columns = List.copyOf(columns);
        values = Map.copyOf(values);
    }
}
