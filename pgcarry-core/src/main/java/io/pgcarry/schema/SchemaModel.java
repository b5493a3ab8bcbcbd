package io.pgcarry.schema;

import io.pgcarry.error.ConfigurationException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The schema of one database, read once and never changed; also what {@code schema dump --format json}
 * writes and {@code diff} reads back.
 *
 * @param formatVersion  version of this JSON shape
 * @param serverVersion  {@code server_version} of the database it was read from
 * @param database       the database name
 * @param withPrivileges whether owners and grants were read
 * @param objects        every modelled object, sorted by id
 * @param warnings       objects and attributes that exist but are not modelled, each as "kind name": never silently
 *                       dropped, always listed (see {@link UnmodelledObjects})
 */
public record SchemaModel(int formatVersion, String serverVersion, String database, boolean withPrivileges,
                          List<SchemaObject> objects, List<String> warnings) {
    public static final int FORMAT_VERSION = 1;

    public SchemaModel {
        objects = objects.stream().sorted(Comparator.comparing(SchemaObject::id)).toList();
        warnings = List.copyOf(warnings);
    }

    public Map<ObjectId, SchemaObject> byId() {
        return objects.stream().collect(Collectors.toMap(SchemaObject::id, Function.identity()));
    }

    /** What a user created: everything but extensions and the public schema, which every new database may have. */
    public List<SchemaObject> userObjects() {
        return objects.stream()
                .filter(o -> o.kind() != ObjectKind.EXTENSION && !(o.kind() == ObjectKind.SCHEMA && o.id().name().equals("public")))
                .toList();
    }

    /**
     * Refuses a database that holds anything a user created (extensions and the public schema aside, which
     * {@code IF NOT EXISTS} statements accept); {@code whatToDo} ends the message.
     */
    public void requireEmpty(String whatToDo) {
        List<SchemaObject> present = userObjects();
        if (!present.isEmpty()) {
            throw new ConfigurationException("the target database is not empty (" + present.size() + " objects, first "
                    + present.get(0).id() + "); " + whatToDo);
        }
    }

    public Optional<SchemaObject> find(ObjectId id) {
        return objects.stream().filter(o -> o.id().equals(id)).findFirst();
    }

    public List<SchemaObject> ofKind(ObjectKind kind) {
        return objects.stream().filter(o -> o.kind() == kind).toList();
    }

    /** The objects that live in a table (columns in their order, constraints, indexes...), of one kind. */
    public List<SchemaObject> childrenOf(ObjectId table, ObjectKind kind) {
        return objects.stream()
                .filter(o -> o.kind() == kind && table.name().equals(o.id().parent()) && table.schema().equals(o.id().schema()))
                .sorted(Comparator.comparing((SchemaObject o) -> position(o)).thenComparing(SchemaObject::id))
                .toList();
    }

    private static int position(SchemaObject object) {
        String position = object.attribute("position");
        return position == null ? 0 : Integer.parseInt(position);
    }
}
