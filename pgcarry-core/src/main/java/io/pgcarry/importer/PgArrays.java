package io.pgcarry.importer;

import com.fasterxml.jackson.databind.JsonNode;

/** PostgreSQL array literals ({@code {"a","b\"c",NULL}}) from JSON arrays, nested arrays as dimensions. */
final class PgArrays {
    /** An element's text, or null for NULL. */
    @FunctionalInterface
    interface Element {
        String text(JsonNode element, int index);
    }

    private PgArrays() {
    }

    static String literal(JsonNode array, Element element) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            sb.append(i == 0 ? "" : ",");
            String text = item.isArray() ? literal(item, element) : element.text(item, i);
            if (text == null) {
                sb.append("NULL");
            } else if (item.isArray()) {
                sb.append(text);
            } else {
                sb.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return sb.append('}').toString();
    }
}
