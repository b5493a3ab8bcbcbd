package io.pgcarry.lint;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Type names as written in a statement, put in {@code format_type}'s words so they compare with the catalog's. */
final class TypeNames {
    private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("varchar", "character varying"),
            Map.entry("decimal", "numeric"), Map.entry("varbit", "bit varying"), Map.entry("int", "integer"),
            Map.entry("int4", "integer"), Map.entry("int8", "bigint"), Map.entry("int2", "smallint"), Map.entry("bool", "boolean"),
            Map.entry("float8", "double precision"), Map.entry("float4", "real"), Map.entry("char", "character"),
            Map.entry("bpchar", "character"), Map.entry("timestamptz", "timestamp with time zone"),
            Map.entry("timestamp", "timestamp without time zone"), Map.entry("timetz", "time with time zone"));
    private static final Pattern SHAPE = Pattern.compile("([a-z_][a-z0-9_ ]*?)\\s*(\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?");

    private TypeNames() {
    }

    /** {@code varchar(20)} as {@code character varying(20)}, {@code decimal(10, 2)} as {@code numeric(10,2)}. */
    static String canonical(String written) {
        String text = written.strip().replaceFirst("^pg_catalog\\.", "");
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            return text;
        }
        String base = ALIASES.getOrDefault(m.group(1).strip(), m.group(1).strip());
        if (m.group(2) == null) {
            return base;
        }
        return base + "(" + m.group(3) + (m.group(4) == null ? "" : "," + m.group(4)) + ")";
    }

    /** Whether some other type could be changed into this one without a rewrite, so the old type decides. */
    static boolean mayKeepStorage(String canonical) {
        return canonical.equals("text") || canonical.startsWith("character varying") || canonical.startsWith("numeric")
                || canonical.startsWith("bit varying") || canonical.equals("inet");
    }
}
