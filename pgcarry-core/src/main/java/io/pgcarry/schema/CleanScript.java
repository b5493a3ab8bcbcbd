package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The statements that remove from a database exactly the objects a schema script creates, where they exist:
 * constraints first (a foreign key would otherwise pin the table it references), then every top-level object in
 * the reverse of creation order. Nothing is dropped with CASCADE, so an object the script does not create but
 * which depends on one it does stops the clean-up with PostgreSQL's own message. Extensions and the public schema
 * stay: other objects may use them.
 */
public final class CleanScript {
    private CleanScript() {
    }

    public static List<String> of(List<ScriptStatement> script, SchemaModel target) {
        Set<ObjectId> present = target.byId().keySet();
        Set<ObjectId> ordered = new LinkedHashSet<>();
        script.forEach(s -> {
            if (s.object() != null) {
                ordered.add(s.object());
            }
        });
        List<ObjectId> reversed = new ArrayList<>(ordered);
        Collections.reverse(reversed);
        List<String> drops = new ArrayList<>();
        for (ObjectId id : reversed) {
            if (id.kind() == ObjectKind.CONSTRAINT && present.contains(id)) {
                drops.add("ALTER TABLE IF EXISTS " + id.sqlTable() + " DROP CONSTRAINT IF EXISTS " + Identifiers.quote(id.name()));
            }
        }
        for (ObjectId id : reversed) {
            // default privileges and privileges on built-in objects are not objects to drop; the archive's statements set them again
            boolean kept = id.kind() == ObjectKind.EXTENSION || id.kind().belongsToTable() || id.kind() == ObjectKind.DEFAULT_PRIVILEGES
                    || id.kind() == ObjectKind.PRIVILEGES
                    || id.kind() == ObjectKind.SCHEMA && id.name().equals("public");
            if (!kept && present.contains(id) && id.kind() == ObjectKind.SUBSCRIPTION) {
                drops.addAll(SubscriptionDdl.drop(id));
            } else if (!kept && present.contains(id)) {
                String name = id.kind() == ObjectKind.FUNCTION || id.kind() == ObjectKind.PROCEDURE || id.kind() == ObjectKind.AGGREGATE
                        ? Ddl.signature(id) : id.sqlName();
                drops.add("DROP " + Ddl.sqlKind(id.kind()) + " IF EXISTS " + name);
            }
        }
        return drops;
    }
}
