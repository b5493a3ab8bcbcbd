package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The SQL of one merge, on the tables as TARGET has them: the duplicate's rows (alias {@code d}) are matched with the
 * canonical table's (alias {@code c}) by key; columns are matched by name, each duplicate value converted to the
 * canonical column's type as {@code move}'s mapping does it (in text form, parsed by the target type, so that a value
 * that does not fit fails rather than being rounded); rows are compared in text form, which every type has (json has
 * no equality).
 *
 * @param duplicate the table whose rows go
 * @param canonical the table that keeps them
 * @param key       the columns rows are matched by
 * @param columns   the columns both tables have (the canonical table's generated columns aside), in the duplicate's order
 * @param overriding whether the insert must override an identity column that is GENERATED ALWAYS
 */
record MergeSql(ObjectId duplicate, ObjectId canonical, List<String> key, List<Column> columns, boolean overriding) {
    /** A column both tables have, and the duplicate's value in the canonical column's type. */
    record Column(String name, String value) {
        String quoted() {
            return Identifiers.quote(name);
        }
    }

    MergeSql {
        key = List.copyOf(key);
        columns = List.copyOf(columns);
    }

    /** The merge of two tables of TARGET's model by {@code key}, which both must have. */
    static MergeSql of(SchemaModel target, ObjectId duplicate, ObjectId canonical, List<String> key) {
        Map<String, SchemaObject> wanted = target.childrenOf(canonical, ObjectKind.COLUMN).stream()
                .collect(Collectors.toMap(c -> c.id().name(), Function.identity()));
        List<Column> columns = new ArrayList<>();
        boolean overriding = false;
        for (SchemaObject found : target.childrenOf(duplicate, ObjectKind.COLUMN)) {
            SchemaObject into = wanted.get(found.id().name());
            if (into == null || into.attribute("generated") != null) {
                continue;
            }
            String value = "d." + Identifiers.quote(found.id().name());
            String type = into.attribute("type");
            columns.add(new Column(found.id().name(), type.equals(found.attribute("type")) ? value : "(" + value + ")::text::" + type));
            overriding |= "always".equals(into.attribute("identity"));
        }
        return new MergeSql(duplicate, canonical, key, columns, overriding);
    }

    /**
     * Counts of the duplicate's rows: missing from the canonical table, identical there, and there with other values; a guard
     * stores them {@code into} its variables ({@code ""} to select them).
     */
    String counts(String into) {
        // qualified throughout: in a plpgsql block an unqualified name could also be one of its variables
        return "SELECT count(*) FILTER (WHERE NOT m.matched), count(*) FILTER (WHERE m.matched AND m.same), "
                + "count(*) FILTER (WHERE m.matched AND NOT m.same)" + into + "\n      FROM (SELECT c." + Identifiers.quote(key.get(0))
                + " IS NOT NULL AS matched, " + same() + " AS same" + joined() + ") m";
    }

    /** The keys of conflicting rows, in key order, each key column as text. */
    String conflictKeys() {
        String keys = key.stream().map(k -> "c." + Identifiers.quote(k)).collect(Collectors.joining(", "));
        return "SELECT " + key.stream().map(k -> "(c." + Identifiers.quote(k) + ")::text").collect(Collectors.joining(", "))
                + joined() + " WHERE c." + Identifiers.quote(key.get(0)) + " IS NOT NULL AND NOT " + same() + " ORDER BY " + keys;
    }

    /** Inserts the rows the canonical table lacks. */
    String insert() {
        return "INSERT INTO " + canonical.sqlName() + " (" + columns.stream().map(Column::quoted).collect(Collectors.joining(", ")) + ")"
                + (overriding ? " OVERRIDING SYSTEM VALUE" : "") + "\n        SELECT " + columns.stream().map(Column::value).collect(Collectors.joining(", "))
                + " FROM " + duplicate.sqlName() + " AS d\n         WHERE NOT EXISTS (SELECT FROM " + canonical.sqlName() + " AS c WHERE " + match() + ")";
    }

    /** Gives conflicting rows of the canonical table the duplicate's values; null when only the key is shared. */
    String update() {
        List<Column> values = nonKey();
        if (values.isEmpty()) {
            return null;
        }
        return "UPDATE " + canonical.sqlName() + " AS c SET " + values.stream().map(c -> c.quoted() + " = " + c.value())
                .collect(Collectors.joining(", ")) + "\n          FROM " + duplicate.sqlName() + " AS d WHERE " + match() + " AND NOT " + same();
    }

    /** The names of the key columns as a person reads them. */
    List<String> keyDisplay() {
        return key.stream().map(Identifiers::display).toList();
    }

    private String joined() {
        return " FROM " + duplicate.sqlName() + " AS d LEFT JOIN " + canonical.sqlName() + " AS c ON " + match();
    }

    private String match() {
        return key.stream().map(k -> "c." + Identifiers.quote(k) + " = " + value(k)).collect(Collectors.joining(" AND "));
    }

    /** True where every non-key column holds the same value on both sides (NULLs equal). */
    private String same() {
        List<Column> values = nonKey();
        return values.isEmpty() ? "true" : "(" + values.stream().map(c -> "(c." + c.quoted() + ")::text IS NOT DISTINCT FROM ("
                + c.value() + ")::text").collect(Collectors.joining(" AND ")) + ")";
    }

    private List<Column> nonKey() {
        return columns.stream().filter(c -> !key.contains(c.name())).toList();
    }

    private String value(String keyColumn) {
        return columns.stream().filter(c -> c.name().equals(keyColumn)).findFirst().map(Column::value)
                .orElseThrow(() -> new IllegalStateException("key column " + keyColumn + " is not merged"));
    }
}
