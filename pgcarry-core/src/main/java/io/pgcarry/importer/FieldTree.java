package io.pgcarry.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields a collection's mapping reads or ignores, as a tree of JSON pointer segments: a field outside it is unknown
 * and reported, never silently dropped. A pointer consumes everything under it.
 */
final class FieldTree {
    private final Map<String, FieldTree> children = new HashMap<>();
    private boolean whole;

    static FieldTree of(List<String> pointers) {
        FieldTree root = new FieldTree();
        for (String pointer : pointers) {
            FieldTree node = root;
            if (!pointer.isEmpty()) {
                for (String segment : pointer.substring(1).split("/", -1)) {
                    node = node.children.computeIfAbsent(segment.replace("~1", "/").replace("~0", "~"), s -> new FieldTree());
                }
            }
            node.whole = true;
        }
        return root;
    }

    private static String path(String parent, String field) {
        return parent + "/" + field.replace("~", "~0").replace("/", "~1");
    }

    /** Adds to {@code unknown} the path of each field of {@code record} this tree does not hold. */
    void unknown(JsonNode record, String path, List<String> unknown) {
        if (whole || !record.isObject()) {
            return;
        }
        record.fields().forEachRemaining(field -> {
            FieldTree sub = children.get(field.getKey());
            // the path is spelled only where it is needed: most fields are read whole
            if (sub == null) {
                unknown.add(path(path, field.getKey()));
            } else if (!sub.whole && field.getValue().isObject()) {
                sub.unknown(field.getValue(), path(path, field.getKey()), unknown);
            }
        });
    }
}
