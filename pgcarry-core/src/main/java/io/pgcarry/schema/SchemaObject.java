package io.pgcarry.schema;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One schema object: its identity, the attributes that define it (as PostgreSQL prints them, so two
 * objects are equal exactly when their attributes are) and the objects it needs to exist first.
 */
public record SchemaObject(ObjectId id, Map<String, String> attributes, List<ObjectId> dependsOn) {
    public SchemaObject {
        Objects.requireNonNull(id, "id");
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
        dependsOn = dependsOn.stream().distinct().sorted().toList();
    }

    public String attribute(String name) {
        return attributes.get(name);
    }

    public boolean flag(String name) {
        return "true".equals(attributes.get(name));
    }

    public ObjectKind kind() {
        return id.kind();
    }
}
