package io.pgcarry.schema;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.error.Setting;
import io.pgcarry.schema.ObjectDifference.Change;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the plan that makes TARGET match SOURCE: what depends on changed objects is dropped first, pre-data
 * objects are created and altered in SOURCE's dependency order, then keys, indexes, triggers and policies,
 * and last the drops of tables and columns, commented out unless allowed.
 */
public final class AlignmentPlanner {
    private final SchemaModel source;
    private final SchemaModel target;
    private final PlanOptions options;
    private final TargetProbe probe;
    private final Map<ObjectId, Integer> sourceOrder;
    private final Map<ObjectId, Integer> targetOrder;
    private final List<Step> steps = new ArrayList<>();
    private final List<String> rollback = new ArrayList<>();
    private List<DuplicateSuggestion> suggestions = List.of();

    public AlignmentPlanner(SchemaModel source, SchemaModel target, PlanOptions options, TargetProbe probe) {
        this.source = source;
        this.target = target;
        this.options = options;
        this.probe = probe;
        this.sourceOrder = order(SchemaScript.of(source));
        this.targetOrder = order(SchemaScript.of(target));
    }

    public AlignmentPlan plan(SchemaDifferences differences) {
        Map<ObjectId, ObjectDifference> byId = new HashMap<>();
        differences.differences().forEach(d -> byId.put(d.id(), d));
        Set<ObjectId> rebuilt = options.rebuild() ? RebuildPlanner.tablesToRebuild(differences, source) : Set.of();
        Set<ObjectId> viewsToRecreate = ViewDependents.affectedByColumnChanges(differences, target, rebuilt);
        StatementWriter writer = new StatementWriter(this, source, target, options, probe);
        Set<ObjectId> merged = new DuplicateMerges(writer, probe, options.drops()).plan(options.merges(), differences);
        suggestions = DuplicateSuggestions.find(source, target, differences, probe, merged);
        if (!rebuilt.isEmpty()) {
            rebuild(writer, rebuilt, viewsToRecreate);
        }
        for (ObjectDifference difference : differences.differences()) {
            ObjectId id = difference.id();
            if (coveredByParent(difference, byId) || coveredByRebuild(id, rebuilt)) {
                continue;
            }
            if (viewsToRecreate.contains(id) || merged.contains(id)) {
                continue;
            }
            writer.write(difference);
        }
        for (ObjectId view : viewsToRecreate) {
            writer.recreateView(view);
        }
        List<PlannedStatement> ordered = steps.stream()
                .sorted(Comparator.comparingInt(Step::phase).thenComparingInt(Step::order))
                .map(Step::statement).toList();
        return new AlignmentPlan(ordered, rollback, probe.measures(), suggestions);
    }

    /** Tables rebuilt by copy and swap, and the rollback that swaps them back and points views at the old ones. */
    private void rebuild(StatementWriter writer, Set<ObjectId> rebuilt, Set<ObjectId> viewsToRecreate) {
        rollback.add("BEGIN");
        for (ObjectId table : rebuilt) {
            new RebuildPlanner(writer, probe, rebuilt).rebuild(table);
        }
        // Views were moved to the rebuilt tables: point them back at the tables they had.
        List<ObjectId> views = new ArrayList<>(viewsToRecreate);
        for (int i = views.size() - 1; i >= 0; i--) {
            rollback.add(Ddl.drop(views.get(i)));
        }
        for (ObjectId view : views) {
            target.find(view).ifPresent(v -> {
                rollback.add(Ddl.create(v, target));
                rollback.addAll(ObjectExtras.of(v));
            });
        }
        rollback.add("COMMIT");
    }

    /** Objects inside a table that is created or dropped whole come with it. */
    private boolean coveredByParent(ObjectDifference difference, Map<ObjectId, ObjectDifference> byId) {
        ObjectId id = difference.id();
        if (!id.kind().belongsToTable() || difference.change() == Change.CHANGED) {
            return false;
        }
        ObjectDifference parent = byId.get(id.table());
        if (parent == null) {
            parent = byId.get(new ObjectId(ObjectKind.MATERIALIZED_VIEW, id.schema(), id.parent(), null));
        }
        if (parent == null || parent.change() != difference.change()) {
            return false;
        }
        // A missing table's CREATE holds its columns and inline checks; keys, indexes and the rest follow it.
        if (difference.change() == Change.MISSING) {
            return id.kind() == ObjectKind.COLUMN || source.find(id).map(o -> Ddl.inline(o, source)).orElse(false);
        }
        return true;
    }

    private boolean coveredByRebuild(ObjectId id, Set<ObjectId> rebuilt) {
        ObjectId table = id.kind() == ObjectKind.TABLE ? id : id.kind().belongsToTable() ? id.table() : null;
        return table != null && rebuilt.contains(table);
    }

    void add(int phase, ObjectId orderedBy, PlannedStatement statement) {
        int position = phase == Step.DROP_DEPENDENTS || phase == Step.DROP_OBJECTS
                ? -targetOrder.getOrDefault(orderedBy, targetOrder.getOrDefault(parentOf(orderedBy), 0))
                : sourceOrder.getOrDefault(orderedBy, sourceOrder.getOrDefault(parentOf(orderedBy), Integer.MAX_VALUE / 2));
        // The sort is stable: statements at the same place keep the order they were added in.
        steps.add(new Step(phase, position, statement));
    }

    /** A statement after every other of its phase, such as a merge after the drops of dependents. */
    void addLast(int phase, PlannedStatement statement) {
        steps.add(new Step(phase, Integer.MAX_VALUE, statement));
    }

    /** What a table's drop says besides its data: that it looks like a duplicate of another table. */
    List<Hazard> notesOnDrop(ObjectId table) {
        String name = new QualifiedName(table.schema(), table.name()).toString();
        return suggestions.stream().filter(s -> s.table().equals(name)).map(s -> new Hazard(Hazard.Kind.MANUAL, s.description()
                + ": keep its rows with " + Setting.MERGE.mention() + " '" + s.mergeArgument() + "'")).toList();
    }

    void rollback(String sql) {
        rollback.add(sql);
    }

    private static ObjectId parentOf(ObjectId id) {
        return id != null && id.kind().belongsToTable() ? id.table() : id;
    }

    private static Map<ObjectId, Integer> order(SchemaScript script) {
        Map<ObjectId, Integer> order = new HashMap<>();
        Set<ObjectId> seen = new HashSet<>();
        List<ScriptStatement> statements = script.statements();
        for (int i = 0; i < statements.size(); i++) {
            ObjectId id = statements.get(i).object();
            if (id != null && seen.add(id)) {
                order.put(id, i);
            }
        }
        return order;
    }
}
