package io.pgcarry.schema;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.schema.ObjectDifference.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Finds the tables only TARGET has that look like copies of tables both sides have ({@link DuplicateSuggestion}). */
final class DuplicateSuggestions {
    private static final Map<String, String> FAMILY = Map.ofEntries(
            Map.entry("smallint", "number"), Map.entry("integer", "number"), Map.entry("bigint", "number"),
            Map.entry("numeric", "number"), Map.entry("real", "number"), Map.entry("double precision", "number"),
            Map.entry("text", "string"), Map.entry("character varying", "string"), Map.entry("character", "string"),
            Map.entry("timestamp without time zone", "timestamp"), Map.entry("timestamp with time zone", "timestamp"),
            Map.entry("json", "json"), Map.entry("jsonb", "json"));

    private DuplicateSuggestions() {
    }

    /** The suggestions, measured on TARGET when the probe can; tables in {@code merged} are being merged already. */
    static List<DuplicateSuggestion> find(SchemaModel source, SchemaModel target, SchemaDifferences differences, TargetProbe probe,
                                          Set<ObjectId> merged) {
        Set<ObjectId> changed = differences.differences().stream().filter(d -> d.change() != Change.CHANGED)
                .map(ObjectDifference::id).collect(Collectors.toSet());
        List<ObjectId> shared = target.ofKind(ObjectKind.TABLE).stream().map(SchemaObject::id)
                .filter(id -> !changed.contains(id) && source.find(id).isPresent()).toList();
        List<DuplicateSuggestion> suggestions = new ArrayList<>();
        for (ObjectDifference difference : differences.differences()) {
            ObjectId table = difference.id();
            if (difference.change() != Change.EXTRA || table.kind() != ObjectKind.TABLE || merged.contains(table)) {
                continue;
            }
            shared.stream().filter(other -> namesMatch(table.name(), other.name()) && columnsMatch(target, table, other))
                    .findFirst().ifPresent(other -> suggestions.add(suggestion(target, table, other, probe)));
        }
        return suggestions;
    }

    private static DuplicateSuggestion suggestion(SchemaModel target, ObjectId table, ObjectId other, TargetProbe probe) {
        List<String> key = TableKeys.primaryKey(target, other);
        Long missing = null;
        MergeSql sql = MergeSql.of(target, table, other, key);
        if (!key.isEmpty() && sql.columns().stream().map(MergeSql.Column::name).toList().containsAll(key)) {
            missing = probe.firstRow(sql.counts("")).map(row -> Long.valueOf(row.get(0))).orElse(null);
        }
        String name = new QualifiedName(table.schema(), table.name()).toString();
        String otherName = new QualifiedName(other.schema(), other.name()).toString();
        return new DuplicateSuggestion(name, otherName, missing, name + "=" + otherName);
    }

    /** Equal but for case, or one is the other with a prefix ending in {@code _}, {@code -} or {@code .}. */
    static boolean namesMatch(String a, String b) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        return x.equals(y) || prefixed(x, y) || prefixed(y, x);
    }

    private static boolean prefixed(String longer, String shorter) {
        int cut = longer.length() - shorter.length();
        return cut > 1 && longer.endsWith(shorter) && "_-.".indexOf(longer.charAt(cut - 1)) >= 0;
    }

    /** Every column of the duplicate is a column of the other, of a compatible type, and the other's key is among them. */
    private static boolean columnsMatch(SchemaModel target, ObjectId duplicate, ObjectId other) {
        Map<String, SchemaObject> columns = target.childrenOf(other, ObjectKind.COLUMN).stream()
                .collect(Collectors.toMap(c -> c.id().name(), Function.identity()));
        List<SchemaObject> own = target.childrenOf(duplicate, ObjectKind.COLUMN);
        boolean all = !own.isEmpty() && own.stream().allMatch(c -> columns.containsKey(c.id().name())
                && compatible(c.attribute("type"), columns.get(c.id().name()).attribute("type")));
        List<String> names = own.stream().map(c -> c.id().name()).toList();
        return all && names.containsAll(TableKeys.primaryKey(target, other));
    }

    /** The same type but for modifiers, of one family (numbers, strings, timestamps, json), or text on either side. */
    static boolean compatible(String a, String b) {
        if (a.endsWith("[]") != b.endsWith("[]")) {
            return false;
        }
        String x = base(a);
        String y = base(b);
        String fx = FAMILY.getOrDefault(x, x);
        String fy = FAMILY.getOrDefault(y, y);
        return fx.equals(fy) || fx.equals("string") || fy.equals("string");
    }

    private static String base(String type) {
        return type.replace("[]", "").replaceAll("\\(.*?\\)", "").replaceAll("\\s+", " ").strip();
    }
}
