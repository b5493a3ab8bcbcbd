package io.pgcarry.load;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.parallel.TaskGraph;
import io.pgcarry.parallel.TaskGraph.Task;
import io.pgcarry.parallel.TaskGraph.Work;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The one load graph of move, clone and restore: what loads rows into tables and what is built around them, as
 * {@link TaskGraph} tasks, with one encoding of what waits for what and of which steps PostgreSQL would make wait
 * for each other's locks. A caller describes its steps (a table's loads, key and index builds, reads, statistics,
 * foreign keys, checks, triggers, and the work that follows all of them); the graph orders them:
 * <ul>
 *   <li>a table's builds, reads and triggers start once its loads are done, a check once every load is done (added to
 *       an inheritance parent, it reaches the children too);</li>
 *   <li>its statistics once its builds are done too (an expression index has statistics of its own);</li>
 *   <li>a foreign key is added (NOT VALID) once both its tables are loaded and built, and validated once both have
 *       statistics, which plan the validating scan; one whose referenced table is unknown waits for every load and
 *       build;</li>
 *   <li>work {@linkplain #afterAll after all} waits for every other step, and work {@linkplain #afterThat after that}
 *       for it.</li>
 * </ul>
 * Per table, three {@link TableLock}s stand for its lock classes: the table itself, its schema changes and its key
 * attachment. Foreign keys of a cycle then never wait for each other on the server.
 * <p>
 * A free worker prefers, in this order: loads, builds (keys first, then the biggest table's), reads, statistics,
 * foreign keys and checks, validations, triggers, then the work after all. The first step of each stage tells the
 * progress its stage's name.
 */
public final class LoadGraph {
    /** What a step does to its table, which decides what it waits for and what may run beside it. */
    public enum Step {
        /** Loads rows (COPY); announced by the caller, which reports its own progress. */
        LOAD(null),
        /** Adds a key in one statement: the table is locked for it. */
        KEY("indexes"),
        /** Builds a key's unique index, then attaches it as the key (a brief exclusive lock at the end). */
        KEY_IN_TWO_STEPS("indexes"),
        /** Builds an index. */
        INDEX("indexes"),
        /** Reads the loaded rows (hashing them to compare with what was expected). */
        READ("hashing"),
        /** Takes the table's statistics. */
        ANALYZE("statistics"),
        /** Adds a foreign key NOT VALID (or checked, where it must be). */
        FOREIGN_KEY("foreign keys"),
        /** Adds a check back NOT VALID. */
        CHECK("checks"),
        /** Validates a foreign key. */
        VALIDATE("validating foreign keys"),
        /** Switches a trigger back. */
        TRIGGER("triggers");

        private final String stage;

        Step(String stage) {
            this.stage = stage;
        }
    }

    /** One step; {@code constraint} names the foreign key of a foreign key step, which its add and validation share. */
    private record Entry(Step step, QualifiedName table, QualifiedName references, String constraint, Task task) {
    }

    private final Map<QualifiedName, Long> tableBytes;
    private final Consumer<String> phase;
    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> stagesStarted = ConcurrentHashMap.newKeySet();
    private final List<Task> afterAll = new ArrayList<>();
    private final List<Task> afterThat = new ArrayList<>();

    /**
     * @param tableBytes per table, its size, so that the biggest table's builds start first
     * @param phase      told the name of each stage as its first step starts
     */
    public LoadGraph(Map<QualifiedName, Long> tableBytes, Consumer<String> phase) {
        this.tableBytes = Map.copyOf(tableBytes);
        this.phase = phase;
    }

    /** Adds a step on {@code table}; {@code name} must be unique in the graph. */
    public LoadGraph add(Step step, QualifiedName table, String name, Work work) {
        if (step == Step.FOREIGN_KEY || step == Step.VALIDATE) {
            throw new IllegalArgumentException("a foreign key step names its key: use foreignKey");
        }
        return add(step, table, null, null, name, work);
    }

    /**
     * Adds a step of foreign key {@code constraint} of {@code table}, referencing {@code references} (null when
     * unknown): adding it, or validating it (after its add, when the graph has one).
     */
    public LoadGraph foreignKey(Step step, QualifiedName table, String constraint, QualifiedName references, String name, Work work) {
        if (step != Step.FOREIGN_KEY && step != Step.VALIDATE) {
            throw new IllegalArgumentException("not a foreign key step: " + step);
        }
        return add(step, table, references, constraint, name, work);
    }

    /** Work that starts once every other step is done, announced as {@code stage}. */
    public LoadGraph afterAll(String name, String stage, Work work) {
        afterAll.add(Task.of(name, announced(stage, work)));
        return this;
    }

    /** Work on {@code table} that starts once the work {@linkplain #afterAll after all} is done. */
    public LoadGraph afterThat(Step step, QualifiedName table, String name, Work work) {
        afterThat.add(locks(step, table, null, Task.of(name, announced(step.stage, work))));
        return this;
    }

    private LoadGraph add(Step step, QualifiedName table, QualifiedName references, String constraint, String name, Work work) {
        entries.add(new Entry(step, table, references, constraint, locks(step, table, references, Task.of(name, announced(step.stage, work)))));
        return this;
    }

    /** The tasks, with what each waits for, in the order a free worker prefers them. */
    public List<Task> tasks() {
        Map<Step, Map<QualifiedName, Set<String>>> byStep = new EnumMap<>(Step.class);
        for (Entry e : entries) {
            byStep.computeIfAbsent(e.step(), s -> new HashMap<>()).computeIfAbsent(e.table(), t -> new HashSet<>()).add(e.task().name());
        }
        Map<List<String>, Set<String>> foreignKeysAdded = new HashMap<>();
        entries.stream().filter(e -> e.step() == Step.FOREIGN_KEY)
                .forEach(e -> foreignKeysAdded.computeIfAbsent(key(e), k -> new HashSet<>()).add(e.task().name()));
        // Loads keep the caller's order (it knows its pieces' sizes); other steps go biggest table first.
        List<Entry> ordered = new ArrayList<>(entries);
        ordered.sort(Comparator.comparingInt((Entry e) -> e.step() == Step.KEY_IN_TWO_STEPS ? Step.KEY.ordinal() : e.step().ordinal())
                .thenComparingLong(e -> e.step() == Step.LOAD ? 0 : -tableBytes.getOrDefault(e.table(), 0L)));
        List<Task> tasks = new ArrayList<>();
        for (Entry e : ordered) {
            tasks.add(e.task().after(waitsFor(e, byStep, foreignKeysAdded)));
        }
        Set<String> everything = new HashSet<>();
        tasks.forEach(t -> everything.add(t.name()));
        afterAll.forEach(t -> tasks.add(t.after(everything)));
        Set<String> allOfIt = new HashSet<>(everything);
        afterAll.forEach(t -> allOfIt.add(t.name()));
        afterThat.forEach(t -> tasks.add(t.after(allOfIt)));
        return tasks;
    }

    private Set<String> waitsFor(Entry e, Map<Step, Map<QualifiedName, Set<String>>> byStep, Map<List<String>, Set<String>> added) {
        Set<String> before = new HashSet<>();
        switch (e.step()) {
            case LOAD -> { }
            case KEY, KEY_IN_TWO_STEPS, INDEX, READ, TRIGGER -> before.addAll(of(byStep, Step.LOAD, e.table()));
            // added to an inheritance parent, a check reaches its children, whose loads are other steps
            case CHECK -> before.addAll(allOf(byStep, Step.LOAD));
            case ANALYZE -> {
                before.addAll(of(byStep, Step.LOAD, e.table()));
                before.addAll(builds(byStep, e.table()));
            }
            case FOREIGN_KEY -> {
                for (QualifiedName table : tablesOf(e)) {
                    before.addAll(table == null ? allOf(byStep, Step.LOAD, Step.KEY, Step.KEY_IN_TWO_STEPS, Step.INDEX)
                            : union(of(byStep, Step.LOAD, table), builds(byStep, table)));
                }
            }
            case VALIDATE -> {
                // After its add, which waits for loads and builds; without one (added by an earlier run), after those.
                Set<String> add = added.getOrDefault(key(e), Set.of());
                before.addAll(add);
                for (QualifiedName table : tablesOf(e)) {
                    before.addAll(table == null ? allOf(byStep, Step.ANALYZE) : of(byStep, Step.ANALYZE, table));
                    if (add.isEmpty()) {
                        before.addAll(table == null ? allOf(byStep, Step.LOAD, Step.KEY, Step.KEY_IN_TWO_STEPS, Step.INDEX)
                                : union(of(byStep, Step.LOAD, table), builds(byStep, table)));
                    }
                }
            }
        }
        before.remove(e.task().name());
        return before;
    }

    /** The two tables of a foreign key step (one when it references its own table); null stands for an unknown one. */
    private static List<QualifiedName> tablesOf(Entry e) {
        List<QualifiedName> tables = new ArrayList<>();
        tables.add(e.table());
        if (e.references() == null || !e.references().equals(e.table())) {
            tables.add(e.references());
        }
        return tables;
    }

    /** The foreign key a step belongs to: its table and its name. */
    private static List<String> key(Entry e) {
        return List.of(e.table().sql(), e.constraint());
    }

    private static Set<String> builds(Map<Step, Map<QualifiedName, Set<String>>> byStep, QualifiedName table) {
        return union(union(of(byStep, Step.KEY, table), of(byStep, Step.KEY_IN_TWO_STEPS, table)), of(byStep, Step.INDEX, table));
    }

    private static Set<String> of(Map<Step, Map<QualifiedName, Set<String>>> byStep, Step step, QualifiedName table) {
        return byStep.getOrDefault(step, Map.of()).getOrDefault(table, Set.of());
    }

    private static Set<String> allOf(Map<Step, Map<QualifiedName, Set<String>>> byStep, Step... steps) {
        Set<String> all = new HashSet<>();
        for (Step step : steps) {
            byStep.getOrDefault(step, Map.of()).values().forEach(all::addAll);
        }
        return all;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** The one encoding of which steps the server would make wait for each other (see the class comment). */
    private static Task locks(Step step, QualifiedName table, QualifiedName references, Task task) {
        return switch (step) {
            case LOAD -> task;
            case KEY -> task.exclusive(TableLock.of(table));
            case KEY_IN_TWO_STEPS -> task.shared(TableLock.of(table)).shared(TableLock.changes(table)).exclusive(TableLock.keyAttach(table));
            case INDEX -> task.shared(TableLock.of(table)).shared(TableLock.changes(table));
            case READ -> task.shared(TableLock.of(table));
            case ANALYZE, CHECK, TRIGGER -> task.shared(TableLock.of(table)).exclusive(TableLock.changes(table));
            case FOREIGN_KEY, VALIDATE -> {
                Task both = task.shared(TableLock.of(table)).exclusive(TableLock.changes(table));
                yield references == null || references.equals(table) ? both
                        : both.shared(TableLock.of(references)).exclusive(TableLock.changes(references));
            }
        };
    }

    private Work announced(String stage, Work work) {
        return c -> {
            if (stage != null && stagesStarted.add(stage)) {
                phase.accept(stage);
            }
            work.run(c);
        };
    }
}
