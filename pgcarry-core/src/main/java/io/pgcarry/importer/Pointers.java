package io.pgcarry.importer;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.ConcurrentHashMap;

/** JSON pointers compiled once each: a mapping has a few dozen, read for every record. */
final class Pointers {
    private static final ConcurrentHashMap<String, JsonPointer> COMPILED = new ConcurrentHashMap<>();

    private Pointers() {
    }

    static JsonNode at(JsonNode node, String pointer) {
        return node.at(COMPILED.computeIfAbsent(pointer, JsonPointer::compile));
    }
}
