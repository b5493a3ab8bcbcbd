package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Turns a model into script statements ordered by dependencies: a statement runs after every statement that
 * creates something it needs; among free statements, kinds keep pg_dump's usual order.
 */
final class ScriptBuilder {
    private final SchemaModel model;
    /** Columns an inheritance tree gained after its children had their own, added once the tree exists. */
    private final DeferredColumns deferred;
    private final List<Unit> units = new ArrayList<>();
    private final Map<ObjectId, Unit> providers = new HashMap<>();

    /** Statements that are created and ordered together. */
    private static final class Unit {
        final ObjectId key;
        Section section;
        final List<String> sql = new ArrayList<>();
        final Set<ObjectId> provides = new LinkedHashSet<>();
        final Set<ObjectId> needs = new LinkedHashSet<>();
        /** Runs after every other unit of its section. */
        boolean last;
        /** Creates a materialized view that stays unpopulated. */
        boolean keepUnpopulated;
        /** What its first statement builds, for a restore to schedule it (see {@link LoadRole}). */
        LoadRole load;

        Unit(ObjectId key, Section section) {
            this.key = key;
            this.section = section;
        }
    }

    ScriptBuilder(SchemaModel model) {
        this.model = model;
        this.deferred = DeferredColumns.of(model);
        for (SchemaObject object : model.objects()) {
            add(object);
        }
        viewsAfterArrivals();
        model.objects().stream().filter(BaseTypes::needsShell).forEach(this::shellFirst);
        promoteWhatPreDataNeeds();
    }

    List<ScriptStatement> statements() {
        List<ScriptStatement> result = new ArrayList<>();
        for (Section section : Section.values()) {
            List<Unit> ordered = order(units.stream().filter(u -> u.section == section).toList());
            for (boolean last : new boolean[] {false, true}) {
                ordered.stream().filter(u -> u.last == last)
                        .forEach(unit -> {
                            for (int i = 0; i < unit.sql.size(); i++) {
                                result.add(new ScriptStatement(unit.sql.get(i), section, unit.key, unit.keepUnpopulated,
                                        i == 0 && section == Section.POST_DATA ? unit.load : null));
                            }
                        });
            }
        }
        return result;
    }

    private void add(SchemaObject object) {
        ObjectId id = object.id();
        switch (id.kind()) {
            case COLUMN -> column(object);
            case CONSTRAINT -> constraint(object);
            case TABLE -> table(object);
            case SEQUENCE -> {
                created(object, Section.PRE_DATA);
                String ownedBy = object.attribute("owned_by");
                if (ownedBy != null) {
                    unit(id, Section.PRE_DATA, ownerColumn(object), "ALTER SEQUENCE " + id.sqlName() + " OWNED BY " + ownedBy);
                }
            }
            case INDEX, TRIGGER, POLICY, RULE, STATISTICS, PUBLICATION, SUBSCRIPTION -> created(object, Section.POST_DATA);
            // last, as pg_dump does: an event trigger would fire on the rest of the script, default privileges would
            // grant on what it creates
            case EVENT_TRIGGER, DEFAULT_PRIVILEGES, PRIVILEGES -> created(object, Section.POST_DATA).last = true;
            case DOMAIN -> {
                created(object, Section.PRE_DATA);
                Ddl.notValidDomainChecks(object).forEach(check -> unit(id, Section.POST_DATA, List.of(id), check.get(0))
                        .sql.addAll(check.subList(1, check.size())));
            }
            default -> created(object, Section.PRE_DATA);
        }
    }

    /** A column: in its table's CREATE, or added later (see DeferredColumns). */
    private void column(SchemaObject object) {
        ObjectId id = object.id();
        if (deferred.added(id)) {
            addedLater(object);
            return;
        }
        Unit table = unitOf(id.table(), Section.PRE_DATA);
        table.provides.add(id);
        table.needs.addAll(object.dependsOn());
        extras(object).forEach(sql -> unit(id, Section.PRE_DATA, List.of(id), sql));
    }

    /** A constraint: inline in its table's CREATE, after columns that come later, or in post-data. */
    private void constraint(SchemaObject object) {
        ObjectId id = object.id();
        if (Ddl.inline(object, model) && deferred.checksLater(id.table())) {
            // a check of a table some of whose columns come later: once they have come
            created(object, Section.PRE_DATA).needs.addAll(deferred.arriving(id.table()));
        } else if (Ddl.inline(object, model)) {
            Unit table = unitOf(id.table(), Section.PRE_DATA);
            table.provides.add(id);
            table.needs.addAll(object.dependsOn());
            extras(object).forEach(sql -> unit(id, Section.PRE_DATA, List.of(id), sql));
        } else {
            created(object, Section.POST_DATA);
        }
    }

    /** A table's CREATE with its own settings; row security last; a partition after its parent. */
    private void table(SchemaObject object) {
        ObjectId id = object.id();
        Unit table = unitOf(id, Section.PRE_DATA);
        table.sql.add(0, Ddl.table(object, model, deferred));
        table.needs.addAll(object.dependsOn());
        List<String> rowSecurity = ObjectExtras.rowSecurity(object);
        List<String> columnsLater = afterArrivals(object);
        table.sql.addAll(extras(object).stream().filter(sql -> !rowSecurity.contains(sql) && !columnsLater.contains(sql)).toList());
        // Last, as pg_dump does: under forced row-level security COPY FROM is refused and foreign keys may not
        // see the rows they reference, even for the table's owner.
        rowSecurity.forEach(sql -> unit(id, Section.POST_DATA, List.of(id), sql).last = true);
        if (object.attribute("partition_of") != null) {
            List<String> parent = Identifiers.splitQualified(object.attribute("partition_of"));
            table.needs.add(new ObjectId(ObjectKind.TABLE, parent.get(0), parent.get(1), null));
        }
    }

    /**
     * A column its inheritance tree gains after the tables below its own exist: ALTER TABLE ... ADD COLUMN, which
     * reaches them all, after the addition before it.
     */
    private void addedLater(SchemaObject column) {
        Unit unit = created(column, Section.PRE_DATA);
        unit.needs.addAll(deferred.waitsFor(column.id()));
        ObjectId before = deferred.before(column.id());
        if (before != null) {
            unit.needs.add(before);
        }
    }

    /**
     * What a table says of the columns it takes from its parents (defaults, NOT NULL, storage...), when some of them
     * reach it only after its CREATE TABLE: said once they have, in a unit of its own.
     */
    private List<String> afterArrivals(SchemaObject table) {
        List<ObjectId> arriving = deferred.arriving(table.id());
        List<String> sql = arriving.isEmpty() ? List.of() : LocalAttributes.statements(table);
        if (!sql.isEmpty()) {
            List<ObjectId> needs = new ArrayList<>(arriving);
            needs.add(table.id());
            unit(table.id(), Section.PRE_DATA, needs, sql.get(0)).sql.addAll(sql.subList(1, sql.size()));
        }
        return sql;
    }

    /** A view reading a table some of whose columns come later waits for them. */
    private void viewsAfterArrivals() {
        for (Unit unit : units) {
            if (unit.key.kind() == ObjectKind.VIEW || unit.key.kind() == ObjectKind.MATERIALIZED_VIEW) {
                List<ObjectId> arriving = unit.needs.stream().flatMap(n -> deferred.arriving(n).stream()).toList();
                unit.needs.addAll(arriving);
            }
        }
    }

    /**
     * A type whose own functions take or return it: declared as a shell first, which is all those functions need (a
     * function the type depends on waits for the shell instead of the type).
     */
    private void shellFirst(SchemaObject type) {
        ObjectId shell = BaseTypes.shellOf(type.id());
        Unit unit = new Unit(shell, Section.PRE_DATA);
        unit.sql.add(BaseTypes.createShell(type.id()));
        unit.provides.add(shell);
        type.dependsOn().stream().filter(d -> d.kind() == ObjectKind.SCHEMA).forEach(unit.needs::add);
        register(unit);
        for (ObjectId function : BaseTypes.ownFunctions(type)) {
            Unit f = providers.get(function);
            if (f != null && f.needs.remove(type.id())) {
                f.needs.add(shell);
            }
        }
    }

    private Unit created(SchemaObject object, Section section) {
        Unit unit = new Unit(object.id(), section);
        unit.sql.add(Ddl.create(object, model));
        unit.sql.addAll(extras(object));
        unit.provides.add(object.id());
        unit.keepUnpopulated = object.flag("unpopulated");
        unit.load = LoadRole.of(object, unit.sql.get(0));
        unit.needs.addAll(object.dependsOn());
        if (object.id().kind().belongsToTable()) {
            unit.needs.add(object.id().table());
        }
        register(unit);
        return unit;
    }

    private Unit unit(ObjectId key, Section section, List<ObjectId> needs, String sql) {
        Unit unit = new Unit(key, section);
        unit.sql.add(sql);
        unit.needs.addAll(needs);
        units.add(unit);
        return unit;
    }

    private Unit unitOf(ObjectId table, Section section) {
        Unit unit = providers.get(table);
        if (unit == null) {
            unit = new Unit(table, section);
            unit.provides.add(table);
            register(unit);
        }
        return unit;
    }

    private void register(Unit unit) {
        units.add(unit);
        unit.provides.forEach(id -> providers.put(id, unit));
    }

    /** What is stated after an object is created: its comment, owner, grants and switches. */
    private List<String> extras(SchemaObject object) {
        return ObjectExtras.of(object);
    }

    /** A primary key a view groups by must exist before the view: such post-data objects move to pre-data. */
    private void promoteWhatPreDataNeeds() {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Unit unit : units) {
                if (unit.section != Section.PRE_DATA) {
                    continue;
                }
                for (ObjectId need : unit.needs) {
                    Unit provider = providers.get(need);
                    if (provider != null && provider.section == Section.POST_DATA) {
                        provider.section = Section.PRE_DATA;
                        changed = true;
                    }
                }
            }
        }
    }

    /** Kahn's algorithm; a cycle (which PostgreSQL's own dependencies never form) is broken at its first unit. */
    private List<Unit> order(List<Unit> section) {
        Comparator<Unit> byKind = Comparator.comparing((Unit u) -> u.key);
        Map<Unit, Set<Unit>> waitingFor = new HashMap<>();
        Map<Unit, List<Unit>> dependents = new HashMap<>();
        for (Unit unit : section) {
            Set<Unit> before = new LinkedHashSet<>();
            for (ObjectId need : unit.needs) {
                Unit provider = providers.get(need);
                if (provider != null && provider != unit && provider.section == unit.section) {
                    before.add(provider);
                }
            }
            waitingFor.put(unit, before);
            before.forEach(b -> dependents.computeIfAbsent(b, k -> new ArrayList<>()).add(unit));
        }
        PriorityQueue<Unit> ready = new PriorityQueue<>(byKind);
        section.stream().filter(u -> waitingFor.get(u).isEmpty()).forEach(ready::add);
        List<Unit> result = new ArrayList<>();
        Set<Unit> done = new HashSet<>();
        while (result.size() < section.size()) {
            Unit next = ready.poll();
            if (next == null) {
                next = section.stream().filter(u -> !done.contains(u)).min(byKind).orElseThrow();
            }
            if (!done.add(next)) {
                continue;
            }
            result.add(next);
            for (Unit dependent : dependents.getOrDefault(next, List.of())) {
                Set<Unit> waiting = waitingFor.get(dependent);
                waiting.remove(next);
                if (waiting.isEmpty() && !done.contains(dependent)) {
                    ready.add(dependent);
                }
            }
        }
        return result;
    }

    private static List<ObjectId> ownerColumn(SchemaObject sequence) {
        String ownedBy = sequence.attribute("owned_by");
        List<String> parts = Identifiers.splitQualified(ownedBy);
        return List.of(new ObjectId(ObjectKind.COLUMN, parts.get(0), parts.get(2), parts.get(1)),
                new ObjectId(ObjectKind.TABLE, parts.get(0), parts.get(1), null));
    }
}
