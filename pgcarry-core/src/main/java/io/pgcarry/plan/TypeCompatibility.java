package io.pgcarry.plan;

import io.pgcarry.catalog.Column;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a source column's values fit a target column's type. Castable pairs are copied in text
 * form and parsed by the target; the data checks then look for the values that would not fit.
 */
final class TypeCompatibility {
    private static final Map<String, String> FAMILY = Map.ofEntries(
            Map.entry("int2", "integer"), Map.entry("int4", "integer"), Map.entry("int8", "integer"),
            Map.entry("numeric", "number"), Map.entry("float4", "number"), Map.entry("float8", "number"),
            Map.entry("text", "string"), Map.entry("varchar", "string"), Map.entry("bpchar", "string"),
            Map.entry("name", "string"), Map.entry("citext", "string"),
            Map.entry("timestamp", "timestamp"), Map.entry("timestamptz", "timestamp"), Map.entry("date", "date"),
            Map.entry("json", "json"), Map.entry("jsonb", "json"),
            Map.entry("inet", "network"), Map.entry("cidr", "network"),
            Map.entry("time", "time"), Map.entry("timetz", "time"));

    private TypeCompatibility() {
    }

    /** The conversion note for a castable pair, empty when the types are the same, or null when incompatible. */
    static Optional<String> castNote(Column source, Column target) {
        if (source.array() != target.array()) {
            return null;
        }
        String from = baseName(source);
        String to = baseName(target);
        String fromFamily = family(source, from);
        String toFamily = family(target, to);
        if (toFamily.equals("string")) {
            return Optional.of("written as text (" + source.type() + " -> " + target.type() + ")");
        }
        if (toFamily.equals("enum") && (fromFamily.equals("enum") || fromFamily.equals("string"))) {
            return Optional.of("by label (" + source.type() + " -> " + target.type() + "); labels checked on the source data");
        }
        if ((toFamily.equals("integer") || toFamily.equals("number")) && (fromFamily.equals("integer") || fromFamily.equals("number"))) {
            return Optional.of(source.type() + " -> " + target.type() + "; range and fractions checked on the source data");
        }
        if (to.equals("uuid") && fromFamily.equals("string")) {
            return Optional.of("text -> uuid; format checked on the source data");
        }
        if (toFamily.equals("json") && (fromFamily.equals("json") || fromFamily.equals("string"))) {
            return Optional.of(source.type() + " -> " + target.type() + "; invalid JSON stops the copy");
        }
        if (toFamily.equals("timestamp") && fromFamily.equals("timestamp")) {
            return Optional.of(source.type() + " -> " + target.type() + " with both sessions in UTC");
        }
        if (toFamily.equals("date") && (fromFamily.equals("timestamp") || fromFamily.equals("date"))) {
            return Optional.of(source.type() + " -> date drops the time of day");
        }
        if (toFamily.equals(fromFamily) && !toFamily.equals(to)) {
            return Optional.of(source.type() + " -> " + target.type());
        }
        return null;
    }

    static boolean same(Column source, Column target) {
        return source.type().equals(target.type()) && source.typeName().equals(target.typeName());
    }

    /** The element type's name for arrays ({@code _int4} is an array of {@code int4}). */
    static String baseName(Column column) {
        String name = column.typeName().name();
        return column.array() && name.startsWith("_") ? name.substring(1) : name;
    }

    private static String family(Column column, String base) {
        if (column.typeKind() == 'e') {
            return "enum";
        }
        return FAMILY.getOrDefault(base, base);
    }
}
