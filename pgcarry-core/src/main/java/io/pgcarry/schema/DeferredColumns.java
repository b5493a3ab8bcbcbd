package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * Columns an inheritance tree gained after its children had columns of their own ({@code ALTER TABLE parent ADD
 * COLUMN}, after which the column stands last in every child). {@code CREATE TABLE ... INHERITS} puts the parents'
 * columns first, so such a child would come back in another order (with pg_dump too, whose dump does not show it:
 * only binary upgrade keeps it). The schema script replays that history instead: it creates the tree without those
 * columns and then adds each to the table it belongs to, in an order every table of the tree agrees with, so that
 * each reaches the children as it did in the source.
 *
 * <p>Worked out per tree from the column order of each table: a column the {@code CREATE TABLE} of some table would
 * put before where the table has it is added later; then each table's columns are simulated from its {@code CREATE
 * TABLE} and the additions that reach it. Where that does not give every table its order (a column two parents give
 * the child, an identity column, a generated column of a child that reads a column still to come, an order no
 * sequence of additions makes), the tree keeps {@code INHERITS}'s order, as pg_dump gives it, and {@code diff} names it.
 */
final class DeferredColumns {
    static final DeferredColumns NONE = new DeferredColumns(List.of(), Map.of(), Map.of());

    /** The columns added after the tree is created (their table's own, with all its attributes), in that order. */
    private final List<ObjectId> additions;
    /** For each table, the tables below it in its tree: an addition waits for them, or they would take it from INHERITS. */
    private final Map<ObjectId, Set<ObjectId>> descendants;
    /** For each table that columns reach by additions, those additions, in order. */
    private final Map<ObjectId, List<ObjectId>> arrivals;

    private DeferredColumns(List<ObjectId> additions, Map<ObjectId, Set<ObjectId>> descendants, Map<ObjectId, List<ObjectId>> arrivals) {
        this.additions = additions;
        this.descendants = descendants;
        this.arrivals = arrivals;
    }

    static DeferredColumns of(SchemaModel model) {
        InheritanceTrees trees = new InheritanceTrees(model);
        List<ObjectId> additions = new ArrayList<>();
        Map<ObjectId, Set<ObjectId>> descendants = new HashMap<>();
        Map<ObjectId, List<ObjectId>> arrivals = new HashMap<>();
        for (List<ObjectId> tree : trees.trees()) {
            List<ObjectId> added = trees.additions(tree);
            if (added.isEmpty()) {
                continue;
            }
            additions.addAll(added);
            for (ObjectId table : tree) {
                descendants.put(table, trees.descendants(table));
                List<ObjectId> reaching = trees.arrivals(table, added);
                if (!reaching.isEmpty()) {
                    arrivals.put(table, reaching);
                }
            }
        }
        return new DeferredColumns(List.copyOf(additions), descendants, arrivals);
    }

    /** Whether the column is added after its tree is created rather than in its table's CREATE TABLE. */
    boolean added(ObjectId column) {
        return additions.contains(column);
    }

    /** The addition that must run before this one (null for the first, or for a column not added later). */
    ObjectId before(ObjectId column) {
        int i = additions.indexOf(column);
        return i > 0 ? additions.get(i - 1) : null;
    }

    /** The tables that must exist before the column is added to its table. */
    Set<ObjectId> waitsFor(ObjectId column) {
        return descendants.getOrDefault(column.table(), Set.of());
    }

    /** The additions that reach the table after its CREATE TABLE (its own and its ancestors'), in order. */
    List<ObjectId> arriving(ObjectId table) {
        return arrivals.getOrDefault(table, List.of());
    }

    /**
     * Whether the table's checks are added after it rather than written in its CREATE TABLE: some of its columns come
     * later, and a check may read them.
     */
    boolean checksLater(ObjectId table) {
        return arrivals.containsKey(table);
    }

    /** The inheritance trees of a model (partitions aside), each table with its parents and the order of its columns. */
    private static final class InheritanceTrees {
        private final SchemaModel model;
        private final Map<ObjectId, SchemaObject> byId;
        private final Map<ObjectId, List<ObjectId>> parents = new LinkedHashMap<>();
        private final Map<ObjectId, List<ObjectId>> children = new HashMap<>();
        private final Map<ObjectId, List<String>> names = new HashMap<>();

        InheritanceTrees(SchemaModel model) {
            this.model = model;
            this.byId = model.byId();
            for (SchemaObject table : model.ofKind(ObjectKind.TABLE)) {
                if (table.attribute("inherits") == null || table.attribute("partition_of") != null) {
                    continue;
                }
                List<ObjectId> up = new ArrayList<>();
                for (String parent : ConstraintAdds.splitList(table.attribute("inherits"))) {
                    List<String> name = Identifiers.splitQualified(parent);
                    ObjectId id = new ObjectId(ObjectKind.TABLE, name.get(0), name.get(1), null);
                    up.add(id);
                    children.computeIfAbsent(id, k -> new ArrayList<>()).add(table.id());
                }
                parents.put(table.id(), up);
            }
        }

        /** The trees (connected by inheritance), each as its tables, every parent before its children. */
        List<List<ObjectId>> trees() {
            Set<ObjectId> seen = new HashSet<>();
            List<List<ObjectId>> trees = new ArrayList<>();
            for (ObjectId start : new TreeSet<>(parents.keySet())) {
                if (seen.contains(start)) {
                    continue;
                }
                Set<ObjectId> tree = new TreeSet<>();
                List<ObjectId> queue = new ArrayList<>(List.of(start));
                while (!queue.isEmpty()) {
                    ObjectId t = queue.remove(queue.size() - 1);
                    if (tree.add(t)) {
                        queue.addAll(parents.getOrDefault(t, List.of()));
                        queue.addAll(children.getOrDefault(t, List.of()));
                    }
                }
                seen.addAll(tree);
                trees.add(parentsFirst(tree));
            }
            return trees;
        }

        private List<ObjectId> parentsFirst(Collection<ObjectId> tree) {
            List<ObjectId> ordered = new ArrayList<>();
            Set<ObjectId> placed = new HashSet<>();
            while (ordered.size() < tree.size()) {
                int before = ordered.size();
                for (ObjectId t : tree) {
                    if (!placed.contains(t) && placed.containsAll(parents.getOrDefault(t, List.of()))) {
                        ordered.add(t);
                        placed.add(t);
                    }
                }
                if (ordered.size() == before) {
                    return List.of();
                }
            }
            return ordered;
        }

        Set<ObjectId> descendants(ObjectId table) {
            Set<ObjectId> below = new TreeSet<>();
            List<ObjectId> queue = new ArrayList<>(children.getOrDefault(table, List.of()));
            while (!queue.isEmpty()) {
                ObjectId t = queue.remove(queue.size() - 1);
                if (below.add(t)) {
                    queue.addAll(children.getOrDefault(t, List.of()));
                }
            }
            return below;
        }

        /**
         * The columns to add after the tree is created, in order; empty when the tree's CREATE TABLEs give every table
         * its order already, or when no additions can.
         */
        List<ObjectId> additions(List<ObjectId> tree) {
            if (tree.isEmpty() || tree.stream().anyMatch(t -> !byId.containsKey(t)
                    || parents.containsKey(t) && byId.get(t).attribute("column_order") == null)) {
                return List.of();
            }
            Set<ObjectId> added = new HashSet<>();
            Map<ObjectId, List<String>> created;
            while (true) {
                created = created(tree, added);
                ObjectId next = nextToAdd(tree, created, added);
                if (next == null) {
                    break;
                }
                if (next.kind() != ObjectKind.COLUMN || !added.add(next)) {
                    return List.of();
                }
            }
            if (added.isEmpty()) {
                return List.of();
            }
            List<ObjectId> ordered = order(tree, created, added);
            return ordered != null && feasible(tree, created, ordered) ? ordered : List.of();
        }

        /**
         * The first column some CREATE TABLE puts too early, which must be added later; the table itself when that cannot
         * help (two parents give the column, or the table redefines a column its ancestor already adds later); null when
         * every CREATE TABLE puts its columns in order.
         */
        private ObjectId nextToAdd(List<ObjectId> tree, Map<ObjectId, List<String>> created, Set<ObjectId> added) {
            for (ObjectId table : tree) {
                List<String> columns = created.get(table);
                List<String> order = names(table);
                for (int i = 0; i < columns.size(); i++) {
                    if (i >= order.size() || !columns.get(i).equals(order.get(i))) {
                        ObjectId origin = origin(table, columns.get(i));
                        return origin == null || !local(origin) || added.contains(origin) ? table : origin;
                    }
                }
            }
            return null;
        }

        /** Each table's columns right after its CREATE TABLE, the columns in {@code added} left out. */
        private Map<ObjectId, List<String>> created(List<ObjectId> tree, Set<ObjectId> added) {
            Map<ObjectId, List<String>> created = new HashMap<>();
            for (ObjectId table : tree) {
                List<String> order = names(table);
                if (byId.get(table).flag("inherit_later")) {
                    created.put(table, order);
                    continue;
                }
                List<String> columns = new ArrayList<>();
                for (ObjectId parent : parents.getOrDefault(table, List.of())) {
                    created.getOrDefault(parent, List.of()).stream().filter(c -> !columns.contains(c)).forEach(columns::add);
                }
                for (String column : order) {
                    if (local(column(table, column)) && !columns.contains(column) && !added.contains(column(table, column))) {
                        columns.add(column);
                    }
                }
                created.put(table, columns);
            }
            return created;
        }

        /**
         * The additions in an order each table's columns agree with (each table's columns that come after its CREATE
         * TABLE must arrive in its order); null when none does.
         */
        private List<ObjectId> order(List<ObjectId> tree, Map<ObjectId, List<String>> created, Set<ObjectId> added) {
            Map<ObjectId, Set<ObjectId>> after = new HashMap<>();
            added.forEach(a -> after.put(a, new HashSet<>()));
            for (ObjectId table : tree) {
                ObjectId previous = null;
                for (String column : names(table)) {
                    if (created.get(table).contains(column)) {
                        continue;
                    }
                    ObjectId origin = origin(table, column);
                    if (origin == null || !added.contains(origin)) {
                        return null;
                    }
                    if (previous != null && !previous.equals(origin)) {
                        after.get(origin).add(previous);
                    }
                    previous = origin;
                }
            }
            List<ObjectId> ordered = new ArrayList<>();
            PriorityQueue<ObjectId> ready = new PriorityQueue<>();
            after.forEach((a, needs) -> {
                if (needs.isEmpty()) {
                    ready.add(a);
                }
            });
            while (!ready.isEmpty()) {
                ObjectId next = ready.poll();
                ordered.add(next);
                after.forEach((a, needs) -> {
                    if (needs.remove(next) && needs.isEmpty()) {
                        ready.add(a);
                    }
                });
            }
            return ordered.size() == added.size() ? ordered : null;
        }

        /**
         * Whether the additions give every table of the tree its order, and each can be made: not an identity column
         * (which ALTER TABLE cannot add to a table with children) nor a typed table's, and no generated column a CREATE
         * TABLE writes reads a column still to come.
         */
        private boolean feasible(List<ObjectId> tree, Map<ObjectId, List<String>> created, List<ObjectId> additions) {
            for (ObjectId column : additions) {
                if (byId.get(column).attribute("identity") != null || byId.get(column.table()).attribute("of_type") != null) {
                    return false;
                }
            }
            for (ObjectId table : tree) {
                List<ObjectId> reaching = arrivals(table, additions);
                List<String> columns = new ArrayList<>(created.get(table));
                reaching.forEach(a -> columns.add(a.name()));
                if (!columns.equals(names(table))) {
                    return false;
                }
                if (!reaching.isEmpty() && generatedReadsLater(table, created.get(table), reaching)) {
                    return false;
                }
            }
            return true;
        }

        private boolean generatedReadsLater(ObjectId table, List<String> created, List<ObjectId> reaching) {
            for (String name : created) {
                SchemaObject column = byId.get(column(table, name));
                if (column != null && column.attribute("generated") != null
                        && column.dependsOn().stream().anyMatch(d -> d.equals(table) || reaching.contains(d))) {
                    return true;
                }
            }
            return false;
        }

        /** The additions that reach the table, in order: those of its own columns and its ancestors' it lacks then. */
        List<ObjectId> arrivals(ObjectId table, List<ObjectId> additions) {
            Set<ObjectId> above = ancestorsAndSelf(table);
            List<ObjectId> reaching = new ArrayList<>();
            Set<String> names = new LinkedHashSet<>();
            for (ObjectId column : additions) {
                if (above.contains(column.table()) && !(local(column(table, column.name())) && !column.table().equals(table))
                        && names.add(column.name())) {
                    reaching.add(column);
                }
            }
            return reaching;
        }

        private Set<ObjectId> ancestorsAndSelf(ObjectId table) {
            Set<ObjectId> above = new HashSet<>();
            List<ObjectId> queue = new ArrayList<>(List.of(table));
            while (!queue.isEmpty()) {
                ObjectId t = queue.remove(queue.size() - 1);
                if (above.add(t)) {
                    queue.addAll(parents.getOrDefault(t, List.of()));
                }
            }
            return above;
        }

        /** The column a table's column comes from: its own, or the one ancestor's that defines it; null when several do. */
        private ObjectId origin(ObjectId table, String name) {
            Set<ObjectId> origins = new HashSet<>();
            for (ObjectId parent : parents.getOrDefault(table, List.of())) {
                if (names(parent).contains(name)) {
                    origins.add(origin(parent, name));
                }
            }
            if (origins.isEmpty()) {
                return column(table, name);
            }
            return origins.size() == 1 ? origins.iterator().next() : null;
        }

        /** The table's columns in order. */
        private List<String> names(ObjectId table) {
            return names.computeIfAbsent(table, t -> ColumnOrder.names(model, t));
        }

        private boolean local(ObjectId column) {
            return column != null && byId.containsKey(column);
        }

        private static ObjectId column(ObjectId table, String name) {
            return new ObjectId(ObjectKind.COLUMN, table.schema(), name, table.name());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeferredColumns d && additions.equals(d.additions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(additions);
    }
}
