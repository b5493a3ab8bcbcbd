package io.pgcarry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeferredColumnsTest {
    private static final ObjectId P = table("p");
    private static final ObjectId C = table("c");
    private static final ObjectId G = table("g");

    @Test
    void aColumnTheParentGainedAfterItsChildrenHadTheirOwnIsAddedOnceTheyExist() {
        // p(a, later); c(own) INHERITS p, then p gained later; g(mine) INHERITS c, then c gained late2, then p gained last
        SchemaModel model = model(List.of(
                root(P, "a", "later", "last"),
                child(C, "p", List.of("a", "own", "later", "late2", "last"), "own", "late2"),
                child(G, "c", List.of("a", "own", "mine", "later", "late2", "last"), "mine")), Map.of());

        DeferredColumns deferred = DeferredColumns.of(model);

        assertThat(deferred.added(column(P, "a"))).isFalse();
        assertThat(deferred.added(column(C, "own"))).isFalse();
        assertThat(List.of(column(P, "later"), column(C, "late2"), column(P, "last"))).allMatch(deferred::added);
        assertThat(deferred.before(column(C, "late2"))).isEqualTo(column(P, "later"));
        assertThat(deferred.before(column(P, "last"))).isEqualTo(column(C, "late2"));
        assertThat(deferred.waitsFor(column(P, "later"))).containsExactlyInAnyOrder(C, G);
        assertThat(deferred.arriving(G)).containsExactly(column(P, "later"), column(C, "late2"), column(P, "last"));
        assertThat(deferred.arriving(P)).containsExactly(column(P, "later"), column(P, "last"));
        assertThat(deferred.checksLater(C)).isTrue();
    }

    @Test
    void aTreeInheritsGivesItsOrderNeedsNothingAdded() {
        SchemaModel model = model(List.of(root(P, "a", "b"), child(C, "p", List.of("a", "b", "own"), "own")), Map.of());

        assertThat(DeferredColumns.of(model)).isEqualTo(DeferredColumns.NONE);
        assertThat(DeferredColumns.of(model).checksLater(C)).isFalse();
    }

    @Test
    void anIdentityColumnCannotBeAddedToATableWithChildrenSoTheTreeKeepsInheritsOrder() {
        SchemaModel model = model(List.of(root(P, "a", "id"), child(C, "p", List.of("a", "own", "id"), "own")),
                Map.of(column(P, "id"), Map.of("identity", "always")));

        assertThat(DeferredColumns.of(model)).isEqualTo(DeferredColumns.NONE);
    }

    @Test
    void aModelReadBeforeColumnOrderWasReadAddsNothing() {
        List<SchemaObject> old = new ArrayList<>(child(C, "p", List.of("a", "own", "later"), "own"));
        old.set(0, new SchemaObject(C, Map.of("inherits", "s.p"), List.of()));
        SchemaModel model = model(List.of(root(P, "a", "later"), old), Map.of());

        assertThat(DeferredColumns.of(model)).isEqualTo(DeferredColumns.NONE);
    }

    /** A table with its columns (all its own), as one list so that {@link #model} can flatten it. */
    private static List<SchemaObject> root(ObjectId table, String... columns) {
        List<SchemaObject> objects = new ArrayList<>(List.of(new SchemaObject(table, Map.of(), List.of())));
        for (int i = 0; i < columns.length; i++) {
            objects.add(new SchemaObject(column(table, columns[i]), Map.of("position", String.valueOf(i + 1), "type", "integer"), List.of()));
        }
        return objects;
    }

    /** A child of one parent with all its columns in order and, as column objects, those it defines itself. */
    private static List<SchemaObject> child(ObjectId table, String parent, List<String> order, String... own) {
        List<SchemaObject> objects = new ArrayList<>(List.of(new SchemaObject(table, Map.of("inherits", "s." + parent,
                "column_order", "[\"" + String.join("\", \"", order) + "\"]"), List.of())));
        for (int i = 0; i < own.length; i++) {
            objects.add(new SchemaObject(column(table, own[i]), Map.of("position", String.valueOf(i + 1), "type", "integer"), List.of()));
        }
        return objects;
    }

    @SuppressWarnings("unchecked")
    private static SchemaModel model(List<?> parts, Map<ObjectId, Map<String, String>> extra) {
        List<SchemaObject> objects = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof List<?> list) {
                objects.addAll((List<SchemaObject>) list);
            } else {
                objects.add((SchemaObject) part);
            }
        }
        objects.replaceAll(o -> {
            Map<String, String> more = extra.get(o.id());
            if (more == null) {
                return o;
            }
            Map<String, String> attributes = new HashMap<>(o.attributes());
            attributes.putAll(more);
            return new SchemaObject(o.id(), attributes, o.dependsOn());
        });
        return new SchemaModel(SchemaModel.FORMAT_VERSION, "13.0", "t", false, objects, List.of());
    }

    private static ObjectId table(String name) {
        return new ObjectId(ObjectKind.TABLE, "s", name, null);
    }

    private static ObjectId column(ObjectId table, String name) {
        return new ObjectId(ObjectKind.COLUMN, "s", name, table.name());
    }
}
