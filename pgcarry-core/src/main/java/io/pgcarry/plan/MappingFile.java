package io.pgcarry.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.YamlErrors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a mapping file (YAML):
 *
 * <pre>
 * exclude: [LegacyNote, "audit_*"]
 * tables:
 *   Animal:
 *     to: Pet                      # renamed table
 *     columns: {nickname: callName} # renamed columns
 *     exclude_columns: [legacyCode]
 *     values: {origin: "'v1'"}      # target column = SQL expression on the source
 * references:
 *   - {from: WaitlistEntry.clientPartyId, to: Party.id}
 * </pre>
 *
 * Unqualified names are in schema {@code public}.
 */
public final class MappingFile {
    private static final Set<String> TOP_KEYS = Set.of("exclude", "tables", "references");
    private static final Set<String> TABLE_KEYS = Set.of("to", "columns", "exclude_columns", "values");
    private static final String DEFAULT_SCHEMA = "public";

    private MappingFile() {
    }

    public static Mapping load(Path file) {
        if (file == null) {
            return Mapping.EMPTY;
        }
        String text = YamlErrors.readMappingFile(file);
        return parse(text, "mapping file " + file);
    }

    /** Parses mapping YAML; {@code where} names its origin in error messages. */
    public static Mapping parse(String text, String where) {
        JsonNode root;
        try {
            root = YamlErrors.strictReader().readTree(text);
        } catch (JsonProcessingException e) {
            throw YamlErrors.invalid(where, e);
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return Mapping.EMPTY;
        }
        YamlErrors.requireKeys(root, TOP_KEYS, where);
        return new Mapping(strings(root.get("exclude"), where + " exclude"), tables(root.get("tables"), where),
                references(root.get("references"), where));
    }

    private static Map<QualifiedName, TableMapping> tables(JsonNode node, String where) {
        Map<QualifiedName, TableMapping> result = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return result;
        }
        if (!node.isObject()) {
            throw new ConfigurationException(where + ": tables must be a mapping of source table names");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            QualifiedName source = name(entry.getKey(), where);
            String here = where + " table " + entry.getKey();
            JsonNode t = entry.getValue();
            if (t == null || !t.isObject()) {
                throw new ConfigurationException(here + " must be a mapping with to, columns, exclude_columns or values");
            }
            YamlErrors.requireKeys(t, TABLE_KEYS, here);
            QualifiedName target = t.hasNonNull("to") ? name(t.get("to").asText(), here) : source;
            result.put(source, new TableMapping(target, stringMap(t.get("columns"), here + " columns"),
                    new HashSet<>(strings(t.get("exclude_columns"), here + " exclude_columns")),
                    stringMap(t.get("values"), here + " values")));
        }
        return result;
    }

    private static List<LogicalReference> references(JsonNode node, String where) {
        List<LogicalReference> result = new ArrayList<>();
        if (node == null || node.isNull()) {
            return result;
        }
        if (!node.isArray()) {
            throw new ConfigurationException(where + ": references must be a list of {from: Table.column, to: Table.column}");
        }
        for (JsonNode r : node) {
            if (!r.hasNonNull("from") || !r.hasNonNull("to")) {
                throw new ConfigurationException(where + ": each reference needs from: Table.column and to: Table.column");
            }
            String[] from = column(r.get("from").asText(), where);
            String[] to = column(r.get("to").asText(), where);
            result.add(new LogicalReference(name(from[0], where), from[1], name(to[0], where), to[1]));
        }
        return result;
    }

    private static String[] column(String text, String where) {
        int dot = text.lastIndexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            throw new ConfigurationException(where + ": '" + text + "' is not Table.column");
        }
        return new String[] {text.substring(0, dot), text.substring(dot + 1).replace("\"", "")};
    }

    private static QualifiedName name(String text, String where) {
        try {
            return QualifiedName.parse(text, DEFAULT_SCHEMA);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(where + ": " + e.getMessage());
        }
    }

    private static List<String> strings(JsonNode node, String where) {
        List<String> result = new ArrayList<>();
        if (node == null || node.isNull()) {
            return result;
        }
        if (!node.isArray()) {
            throw new ConfigurationException(where + " must be a list");
        }
        node.forEach(n -> result.add(n.asText()));
        return result;
    }

    private static Map<String, String> stringMap(JsonNode node, String where) {
        Map<String, String> result = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return result;
        }
        if (!node.isObject()) {
            throw new ConfigurationException(where + " must be a mapping");
        }
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new ConfigurationException(where + ": '" + e.getKey() + "' needs a text value");
            }
            result.put(e.getKey(), e.getValue().asText());
        });
        return result;
    }
}
