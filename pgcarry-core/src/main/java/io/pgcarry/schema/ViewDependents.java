package io.pgcarry.schema;

import io.pgcarry.schema.ObjectDifference.Change;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Views that stand in the way of a column type change: PostgreSQL refuses to retype a column a view uses,
 * so such views (and the views built on them) are dropped first and created again afterwards.
 */
final class ViewDependents {
    private ViewDependents() {
    }

    static Set<ObjectId> affectedByColumnChanges(SchemaDifferences differences, SchemaModel target, Set<ObjectId> rebuilt) {
        Set<ObjectId> blocked = new LinkedHashSet<>(rebuilt);
        for (ObjectDifference difference : differences.differences()) {
            boolean retyped = difference.id().kind() == ObjectKind.COLUMN && difference.change() == Change.CHANGED
                    && difference.changes().stream().anyMatch(c -> c.attribute().equals("type") || c.attribute().equals("collation")
                    || c.attribute().equals("generated"));
            if (retyped) {
                blocked.add(difference.id());
            }
        }
        Set<ObjectId> views = new LinkedHashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (SchemaObject object : target.objects()) {
                boolean isView = object.kind() == ObjectKind.VIEW || object.kind() == ObjectKind.MATERIALIZED_VIEW;
                if (isView && !views.contains(object.id())
                        && object.dependsOn().stream().anyMatch(d -> blocked.contains(d) || blocked.contains(tableOf(d)))) {
                    views.add(object.id());
                    blocked.add(object.id());
                    grew = true;
                }
            }
        }
        return views;
    }

    private static ObjectId tableOf(ObjectId id) {
        return id.kind().belongsToTable() ? id.table() : id;
    }
}
