package io.pgcarry.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.YamlErrors;
import io.pgcarry.importer.ImportMapping.Collection;
import io.pgcarry.importer.ImportMapping.Format;
import io.pgcarry.importer.ImportMapping.IdSpec;
import io.pgcarry.importer.ImportMapping.KeySource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an import's mapping file (YAML), in the style of {@code move}'s mapping file:
 *
 * <pre>
 * strict: true                       # a field no column reads rejects its record
 * collections:
 *   users:
 *     input: users.json              # relative to this file; format from the name, or format: json|ndjson|dir|csv
 *     table: User
 *     id: {source: /id, key: id}     # generate: source (default) | sequence | uuid
 *     columns:
 *       email: /email                # a JSON pointer
 *       joinedAt: {pointer: /joined, as: epoch_ms}
 *       origin: {const: json}
 *       label: {concat: [/first, " ", /last]}
 *       importedAt: now()
 *   posts:
 *     ...
 *     columns: {authorId: {lookup: users, pointer: /authorId}}
 *     children:
 *       comments: {path: /comments, table: Comment, parent: postId, id: {source: /id, key: id, generate: sequence}, columns: {...}}
 * </pre>
 *
 * Errors name the file and the key at fault, in one line.
 */
public final class ImportMappingFile {
    private static final Set<String> TOP_KEYS = Set.of("strict", "collections");
    private static final Set<String> COLLECTION_KEYS = Set.of("input", "format", "table", "id", "columns", "ignore", "children");
    private static final Set<String> CHILD_KEYS = Set.of("path", "parent", "table", "id", "columns", "ignore", "children");
    private static final Set<String> ID_KEYS = Set.of("source", "key", "generate");
    private static final Set<String> VALUE_KEYS = Set.of("pointer", "as", "const", "concat", "lookup");
    private static final String DEFAULT_SCHEMA = "public";

    private ImportMappingFile() {
    }

    public static ImportMapping load(Path file) {
        String text = YamlErrors.readMappingFile(file);
        return parse(text, file);
    }

    /** Parses mapping YAML; inputs are relative to {@code file}'s directory. */
    public static ImportMapping parse(String text, Path file) {
        String where = "mapping file " + file;
        JsonNode root;
        try {
            root = YamlErrors.strictReader().readTree(text);
        } catch (JsonProcessingException e) {
            throw YamlErrors.invalid(where, e);
        }
        if (root == null || !root.isObject()) {
            throw new ConfigurationException(where + " must be a YAML mapping with collections");
        }
        YamlErrors.requireKeys(root, TOP_KEYS, where);
        JsonNode collections = root.get("collections");
        if (collections == null || !collections.isObject() || collections.isEmpty()) {
            throw new ConfigurationException(where + ": collections must map each collection's name to its input and table");
        }
        Path base = file.toAbsolutePath().getParent();
        List<Collection> result = new ArrayList<>();
        collections.fields().forEachRemaining(e -> result.add(collection(e.getKey(), e.getValue(), base, where + " collection " + e.getKey(), null)));
        return new ImportMapping(file, root.path("strict").asBoolean(false), result);
    }

    private static Collection collection(String name, JsonNode node, Path base, String where, String parentWhere) {
        if (node == null || !node.isObject()) {
            throw new ConfigurationException(where + " must be a mapping with " + (parentWhere == null ? "input" : "path") + ", table and columns");
        }
        boolean child = parentWhere != null;
        YamlErrors.requireKeys(node, child ? CHILD_KEYS : COLLECTION_KEYS, where);
        Path input = child ? null : base.resolve(required(node, "input", where));
        String path = child ? pointer(required(node, "path", where), where + " path") : null;
        String parent = child ? required(node, "parent", where) : null;
        Format format = child ? null : format(node, input, where);
        QualifiedName table = table(required(node, "table", where), where);
        List<Collection> children = new ArrayList<>();
        JsonNode kids = node.get("children");
        if (kids != null && !kids.isNull()) {
            if (!kids.isObject()) {
                throw new ConfigurationException(where + ": children must map each child collection's name to its path, parent and table");
            }
            kids.fields().forEachRemaining(e -> children.add(collection(e.getKey(), e.getValue(), base, where + " child " + e.getKey(), where)));
        }
        return new Collection(name, input, format, path, parent, table, id(node.get("id"), where + " id"),
                columns(node.get("columns"), where + " columns"), ignore(node.get("ignore"), where + " ignore"), children);
    }

    private static Format format(JsonNode node, Path input, String where) {
        if (node.hasNonNull("format")) {
            try {
                return Format.valueOf(node.get("format").asText().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(where + " format: '" + node.get("format").asText() + "' is none of json, ndjson, dir, csv");
            }
        }
        String name = input.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return Format.NDJSON;
        }
        if (name.endsWith(".csv")) {
            return Format.CSV;
        }
        return name.endsWith(".json") ? Format.JSON : Format.DIR;
    }

    private static IdSpec id(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return new IdSpec(null, null, KeySource.SOURCE);
        }
        YamlErrors.requireKeys(node, ID_KEYS, where);
        String source = node.hasNonNull("source") ? pointer(node.get("source").asText(), where + " source") : null;
        String key = node.hasNonNull("key") ? node.get("key").asText() : null;
        KeySource generate;
        try {
            generate = KeySource.valueOf(node.path("generate").asText("source").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(where + " generate: '" + node.get("generate").asText() + "' is none of source, sequence, uuid");
        }
        if (key == null && generate != KeySource.SOURCE) {
            throw new ConfigurationException(where + ": generate " + generate.name().toLowerCase(Locale.ROOT) + " needs key: the key column");
        }
        if (generate == KeySource.SOURCE && key != null && source == null) {
            throw new ConfigurationException(where + ": key " + key + " taken from the source needs source: a JSON pointer to the id");
        }
        return new IdSpec(source, key, generate);
    }

    private static Map<String, ValueSpec> columns(JsonNode node, String where) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw new ConfigurationException(where + " must map each target column to a JSON pointer or an expression");
        }
        Map<String, ValueSpec> result = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> result.put(e.getKey(), value(e.getValue(), where + " " + e.getKey())));
        return result;
    }

    static ValueSpec value(JsonNode node, String where) {
        if (node.isTextual()) {
            String text = node.asText();
            return text.equals("now()") ? new ValueSpec.Now() : new ValueSpec.Pointer(pointer(text, where), ValueSpec.As.AUTO);
        }
        if (!node.isObject()) {
            throw new ConfigurationException(where + " must be a JSON pointer (/field), now(), or one of {pointer: }, {const: }, {concat: [...]}, {lookup: , pointer: }");
        }
        YamlErrors.requireKeys(node, VALUE_KEYS, where);
        if (node.has("const")) {
            return new ValueSpec.Const(node.get("const"));
        }
        if (node.has("concat")) {
            List<ValueSpec> parts = new ArrayList<>();
            node.get("concat").forEach(p -> parts.add(p.isTextual() && !p.asText().startsWith("/")
                    ? new ValueSpec.Const(p) : value(p, where + " concat")));
            return new ValueSpec.Concat(parts);
        }
        String pointer = pointer(required(node, "pointer", where), where + " pointer");
        if (node.has("lookup")) {
            return new ValueSpec.Lookup(node.get("lookup").asText(), pointer);
        }
        return new ValueSpec.Pointer(pointer, as(node, where));
    }

    private static ValueSpec.As as(JsonNode node, String where) {
        if (!node.hasNonNull("as")) {
            return ValueSpec.As.AUTO;
        }
        try {
            return ValueSpec.As.valueOf(node.get("as").asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(where + " as: '" + node.get("as").asText() + "' is none of auto, epoch_s, epoch_ms, json");
        }
    }

    private static List<String> ignore(JsonNode node, String where) {
        List<String> result = new ArrayList<>();
        if (node == null || node.isNull()) {
            return result;
        }
        if (!node.isArray()) {
            throw new ConfigurationException(where + " must be a list of JSON pointers");
        }
        node.forEach(n -> result.add(pointer(n.asText(), where)));
        return result;
    }

    private static String pointer(String text, String where) {
        if (!text.isEmpty() && !text.startsWith("/")) {
            throw new ConfigurationException(where + ": '" + text + "' is not a JSON pointer; write /field or /field/sub");
        }
        return text;
    }

    private static QualifiedName table(String text, String where) {
        try {
            return QualifiedName.parse(text, DEFAULT_SCHEMA);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(where + " table: " + e.getMessage());
        }
    }

    private static String required(JsonNode node, String key, String where) {
        if (!node.hasNonNull(key) || !node.get(key).isValueNode()) {
            throw new ConfigurationException(where + " needs " + key);
        }
        return node.get(key).asText();
    }
}
