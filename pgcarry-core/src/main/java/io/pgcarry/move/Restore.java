package io.pgcarry.move;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.Sessions;
import io.pgcarry.error.DatabaseException;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.parallel.TaskGraph;
import io.pgcarry.parallel.TaskGraph.Task;
import io.pgcarry.verify.Orphans;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Brings back what {@link SetAside} took away, as {@link TaskGraph} tasks: keys and indexes of a table once its
 * rows are in, a foreign key (as NOT VALID) once the keys of both its tables are back, then its VALIDATE CONSTRAINT,
 * and triggers. Each statement commits together with its journal state, so a second run (resume or abort)
 * continues exactly where the first stopped.
 * <p>
 * Tasks that the server would make wait for each other's locks do not run together. Per table, three resources
 * stand for its lock classes: the table itself (held alone by what locks out readers), {@code w:} the table (held
 * alone by ANALYZE, VALIDATE, adding a foreign key and enabling a trigger, shared by index builds, which conflict
 * with those but not with each other), and {@code key:} the table (one key built at a time, since each ends by
 * upgrading its lock). Foreign keys of a cycle then never wait for each other.
 */
final class Restore {
    private final long run;
    private final Consumer<String> phase;
    private final Set<String> stagesStarted = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Restore(long run, Consumer<String> phase) {
        this.run = run;
        this.phase = phase;
    }

    /**
     * The tasks that restore {@code objects}, in the order a free worker prefers them.
     *
     * @param loadsOf  per table, the names of the tasks that load its rows (none when nothing is loaded)
     */
    Tasks tasks(List<JournalObject> objects, Map<QualifiedName, Set<String>> loadsOf, Map<QualifiedName, Long> tableBytes) {
        Map<QualifiedName, Set<String>> buildsOf = new HashMap<>();
        List<Task> builds = new ArrayList<>();
        Comparator<JournalObject> biggestFirst = Comparator.comparingLong((JournalObject o) -> -tableBytes.getOrDefault(o.table(), 0L))
                .thenComparing(o -> o.table().sql()).thenComparing(JournalObject::name);
        // Keys before plain indexes: foreign keys wait for them.
        for (String kind : List.of(JournalObject.KEY, JournalObject.INDEX)) {
            objects.stream().filter(o -> o.kind().equals(kind) && o.state().equals("dropped")).sorted(biggestFirst).forEach(o -> {
                Task task = kind.equals(JournalObject.KEY) ? key(o) : index(o);
                builds.add(task.after(loadsOf.getOrDefault(o.table(), Set.of())));
                buildsOf.computeIfAbsent(o.table(), t -> new HashSet<>()).add(task.name());
            });
        }
        Set<String> allBefore = new HashSet<>();
        loadsOf.values().forEach(allBefore::addAll);
        builds.forEach(t -> allBefore.add(t.name()));
        List<Task> foreignKeys = new ArrayList<>();
        List<Task> validations = new ArrayList<>();
        for (JournalObject o : objects.stream().filter(o -> o.kind().equals(JournalObject.FOREIGN_KEY)).sorted(biggestFirst).toList()) {
            Set<String> before = new HashSet<>();
            if (o.references() == null) {
                before.addAll(allBefore);
            } else {
                for (QualifiedName table : new HashSet<>(List.of(o.table(), o.references()))) {
                    before.addAll(loadsOf.getOrDefault(table, Set.of()));
                    before.addAll(buildsOf.getOrDefault(table, Set.of()));
                }
            }
            if (o.state().equals("dropped")) {
                Task add = addForeignKey(o).after(before);
                foreignKeys.add(add);
                before = Set.of(add.name());
            }
            if (o.wasValid() && !o.state().equals("done")) {
                validations.add(validateForeignKey(o).after(before));
            }
        }
        List<Task> triggers = objects.stream().filter(o -> o.kind().equals(JournalObject.TRIGGER) && o.state().equals("dropped"))
                .map(o -> enableTrigger(o).after(loadsOf.getOrDefault(o.table(), Set.of()))).toList();
        List<Task> constraints = new ArrayList<>(foreignKeys);
        objects.stream().filter(o -> o.kind().equals(JournalObject.CHECK) && o.state().equals("dropped"))
                .map(o -> addCheck(o).after(loadsOf.getOrDefault(o.table(), Set.of()))).forEach(constraints::add);
        constraints.addAll(validations);
        return new Tasks(builds, constraints, triggers, buildsOf);
    }

    /**
     * @param builds       key and index builds
     * @param constraints  foreign key additions and validations
     * @param triggers     triggers enabled again
     * @param buildsOf     per table, the names of its build tasks
     */
    record Tasks(List<Task> builds, List<Task> constraints, List<Task> triggers, Map<QualifiedName, Set<String>> buildsOf) {
        List<Task> all() {
            List<Task> all = new ArrayList<>(builds);
            all.addAll(constraints);
            all.addAll(triggers);
            return all;
        }
    }

    /** Restores {@code objects} with {@code jobs} workers: what an abort does once the loaded rows are gone. */
    static void all(Connector connector, ConnectionSpec target, long run, int jobs, List<JournalObject> objects, Consumer<String> phase) {
        TaskGraph.run("restoring", jobs, new Restore(run, phase).tasks(objects, Map.of(), Map.of()).all(),
                () -> session(connector, target));
    }

    /** A target session for restore work: its own transactions, committed per step. */
    static Connection session(Connector connector, ConnectionSpec target) {
        Connection c = Sessions.prepare(connector.open(target));
        try {
            c.setAutoCommit(false);
        } catch (SQLException e) {
            io.pgcarry.connect.SharedSnapshot.close(c);
            throw SqlErrors.translate("opening a session on the target", e);
        }
        return c;
    }

    /**
     * A primary or unique key: its index is built first under a lock that lets readers in (so the table can be hashed
     * meanwhile), then becomes the key, which takes the exclusive lock only for that moment. A key whose index is not
     * journaled, or that lives in its own tablespace, is added in one statement.
     */
    private Task key(JournalObject o) {
        String table = o.table().sql();
        String add = "ALTER TABLE " + table + " ADD CONSTRAINT " + Identifiers.quote(o.name()) + " ";
        String index = o.indexDefinition();
        boolean inTwoSteps = index != null && index.startsWith("CREATE UNIQUE INDEX ") && !o.definition().contains("USING INDEX TABLESPACE")
                && (o.definition().startsWith("PRIMARY KEY ") || o.definition().startsWith("UNIQUE "));
        Task task;
        if (inTwoSteps) {
            String kind = o.definition().startsWith("PRIMARY KEY ") ? "PRIMARY KEY" : "UNIQUE";
            String deferrable = o.definition().endsWith(" DEFERRABLE INITIALLY DEFERRED") ? " DEFERRABLE INITIALLY DEFERRED"
                    : o.definition().endsWith(" DEFERRABLE") ? " DEFERRABLE" : "";
            task = Task.of("key " + table + " " + o.name(), c -> stage("indexes", () -> step(c, o,
                    List.of(index, add + kind + " USING INDEX " + Identifiers.quote(o.name()) + deferrable), "done")))
                    .shared(table).shared("w:" + table).exclusive("key:" + table);
        } else {
            task = Task.of("key " + table + " " + o.name(), c -> stage("indexes", () -> step(c, o, List.of(add + o.definition()), "done")))
                    .exclusive(table);
        }
        return task;
    }

    private Task index(JournalObject o) {
        String table = o.table().sql();
        return Task.of("index " + table + " " + o.name(), c -> stage("indexes", () -> step(c, o, List.of(o.definition()), "done")))
                .shared(table).shared("w:" + table);
    }

    private Task addForeignKey(JournalObject o) {
        String add = "ALTER TABLE " + o.table().sql() + " ADD CONSTRAINT " + Identifiers.quote(o.name()) + " " + o.definition();
        Task task = Task.of("add fk " + o.table().sql() + " " + o.name(), c -> stage("foreign keys", () -> {
            // PostgreSQL (before 18) cannot add a NOT VALID foreign key to a partitioned table: add it checked.
            boolean checkedAtOnce = o.wasValid() && partitioned(c, o.table());
            step(c, o, List.of(add + (checkedAtOnce ? "" : " NOT VALID")), o.wasValid() && !checkedAtOnce ? "restored" : "done");
        }));
        return bothTables(task, o);
    }

    /** A NOT VALID check back as it was: NOT VALID, so rows that broke it before are never validated on the user's behalf. */
    private Task addCheck(JournalObject o) {
        String add = "ALTER TABLE " + o.table().sql() + " ADD CONSTRAINT " + Identifiers.quote(o.name()) + " " + o.definition()
                + " NOT VALID";
        return Task.of("add check " + o.table().sql() + " " + o.name(), c -> stage("checks", () -> step(c, o, List.of(add), "done")))
                .shared(o.table().sql()).exclusive("w:" + o.table().sql());
    }

    private Task validateForeignKey(JournalObject o) {
        String validate = "ALTER TABLE " + o.table().sql() + " VALIDATE CONSTRAINT " + Identifiers.quote(o.name());
        // A no-op for a key that is valid already (a partitioned table's, added checked).
        Task task = Task.of("validate fk " + o.table().sql() + " " + o.name(),
                c -> stage("validating foreign keys", () -> step(c, o, List.of(validate), "done")));
        return bothTables(task, o);
    }

    private static Task bothTables(Task task, JournalObject o) {
        Task result = task.shared(o.table().sql()).exclusive("w:" + o.table().sql());
        if (o.references() != null && !o.references().equals(o.table())) {
            result = result.shared(o.references().sql()).exclusive("w:" + o.references().sql());
        }
        return result;
    }

    private Task enableTrigger(JournalObject o) {
        String sql = "ALTER TABLE " + o.table().sql() + " " + enable(o.definition()) + " TRIGGER " + Identifiers.quote(o.name());
        return Task.of("trigger " + o.table().sql() + " " + o.name(), c -> stage("triggers", () -> {
            List<String> statements = new ArrayList<>(List.of(sql));
            statements.addAll(PartitionTriggerStates.after(c, run, o.table(), o.name(), o.definition()));
            step(c, o, statements, "done");
        })).shared(o.table().sql()).exclusive("w:" + o.table().sql());
    }

    private static boolean partitioned(Connection c, QualifiedName table) throws SQLException {
        try (var query = c.prepareStatement("SELECT relkind = 'p' FROM pg_class WHERE oid = ?::regclass")) {
            query.setString(1, table.sql());
            try (var rs = query.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Brings back the comment the drop took along, in the same transaction as the object. */
    private static String commentSql(JournalObject o) {
        String target = o.kind().equals(JournalObject.INDEX)
                ? "INDEX " + new QualifiedName(o.table().schema(), o.name()).sql()
                : "CONSTRAINT " + Identifiers.quote(o.name()) + " ON " + o.table().sql();
        return "COMMENT ON " + target + " IS " + Identifiers.literal(o.comment());
    }

    private void step(Connection c, JournalObject o, List<String> statements, String state) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET maintenance_work_mem = '256MB'");
            for (String sql : statements) {
                s.execute(sql);
            }
            if (o.comment() != null) {
                s.execute(commentSql(o));
            }
            Journal.setObjectState(c, run, o, state);
            c.commit();
        } catch (SQLException e) {
            Sessions.rollbackAfterFailure(c);
            if ("23503".equals(e.getSQLState()) && o.kind().equals(JournalObject.FOREIGN_KEY)) {
                throw new DatabaseException("foreign key " + o.table() + "." + Identifiers.display(o.name())
                        + " does not hold after the load: " + SqlErrors.describe(e) + "; first orphan rows: "
                        + Orphans.sampleText(c, o.table(), o.name()) + ". The key stays NOT VALID; fix the rows and run "
                        + "'pgcarry move --resume', or undo with '--abort'", e.getSQLState(), e);
            }
            throw SqlErrors.translate("restoring " + o.kind() + " " + o.name() + " on " + o.table(), e);
        }
    }

    private interface Step {
        void run() throws SQLException;
    }

    /** Runs a step, first telling the progress when it is the first of its stage to start. */
    private void stage(String name, Step step) throws SQLException {
        if (stagesStarted.add(name)) {
            phase.accept(name);
        }
        step.run();
    }

    private static String enable(String formerState) {
        return switch (formerState) {
            case "R" -> "ENABLE REPLICA";
            case "A" -> "ENABLE ALWAYS";
            default -> "ENABLE";
        };
    }
}
