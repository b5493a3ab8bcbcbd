package io.pgcarry.move;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.Sessions;
import io.pgcarry.connect.SharedSnapshot;
import io.pgcarry.error.DatabaseException;
import io.pgcarry.error.Setting;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.load.LoadGraph;
import io.pgcarry.load.LoadGraph.Step;
import io.pgcarry.parallel.TaskGraph;
import io.pgcarry.verify.Orphans;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Brings back what {@link SetAside} took away, as steps of the {@link LoadGraph}: keys and indexes of a table once its
 * rows are in, a foreign key (as NOT VALID) once the keys of both its tables are back, then its VALIDATE CONSTRAINT,
 * NOT VALID checks and triggers. Each statement commits together with its journal state, so a second run (resume or
 * abort) continues exactly where the first stopped.
 */
final class SetAsideReturn {
    private final long run;

    SetAsideReturn(long run) {
        this.run = run;
    }

    /** Adds the steps that bring back {@code objects} (those the journal does not record as back already) to {@code graph}. */
    void addTo(LoadGraph graph, List<JournalObject> objects) {
        for (JournalObject o : objects) {
            String table = o.table().sql();
            boolean dropped = o.state() == SetAsideState.DROPPED;
            switch (o.kind()) {
                case KEY -> {
                    if (dropped) {
                        key(graph, o);
                    }
                }
                case INDEX -> {
                    if (dropped) {
                        graph.add(Step.INDEX, o.table(), "index " + table + " " + o.name(), c -> step(c, o, List.of(o.definition()), SetAsideState.DONE));
                    }
                }
                case FOREIGN_KEY -> foreignKey(graph, o);
                case CHECK -> {
                    if (dropped) {
                        String add = "ALTER TABLE " + table + " ADD CONSTRAINT " + Identifiers.quote(o.name()) + " " + o.definition()
                                + " NOT VALID";
                        graph.add(Step.CHECK, o.table(), "add check " + table + " " + o.name(), c -> step(c, o, List.of(add), SetAsideState.DONE));
                    }
                }
                case TRIGGER -> {
                    if (dropped) {
                        String sql = "ALTER TABLE " + table + " " + enable(o.definition()) + " TRIGGER " + Identifiers.quote(o.name());
                        graph.add(Step.TRIGGER, o.table(), "trigger " + table + " " + o.name(), c -> {
                            // Switching a partitioned table's trigger switches its partitions' too: their own states
                            // come back after it.
                            List<String> statements = new ArrayList<>(List.of(sql));
                            statements.addAll(PartitionTriggerStates.after(c, run, o.table(), o.name(), o.definition()));
                            step(c, o, statements, SetAsideState.DONE);
                        });
                    }
                }
            }
        }
    }

    /** Restores {@code objects} with {@code jobs} workers: what an abort does once the loaded rows are gone. */
    static void all(Connector connector, ConnectionSpec target, long run, int jobs, List<JournalObject> objects, Consumer<String> phase) {
        LoadGraph graph = new LoadGraph(Map.of(), phase);
        new SetAsideReturn(run).addTo(graph, objects);
        TaskGraph.run("restoring", jobs, graph.tasks(), () -> session(connector, target));
    }

    /** A target session for restore work: its own transactions, committed per step. */
    static Connection session(Connector connector, ConnectionSpec target) {
        Connection c = Sessions.prepare(connector.open(target));
        try {
            c.setAutoCommit(false);
        } catch (SQLException e) {
            SharedSnapshot.close(c);
            throw SqlErrors.translate("opening a session on the target", e);
        }
        return c;
    }

    /**
     * A primary or unique key: its index is built first under a lock that lets readers in (so the table can be hashed
     * meanwhile), then becomes the key, which takes the exclusive lock only for that moment. A key the journal has no
     * attach clause for ({@link io.pgcarry.catalog.KeySteps}) is added in one statement.
     */
    private void key(LoadGraph graph, JournalObject o) {
        String table = o.table().sql();
        String add = "ALTER TABLE " + table + " ADD CONSTRAINT " + Identifiers.quote(o.name()) + " ";
        String name = "key " + table + " " + o.name();
        if (o.keyAttach() != null && o.indexDefinition() != null) {
            graph.add(Step.KEY_IN_TWO_STEPS, o.table(), name, c -> step(c, o, List.of(o.indexDefinition(), add + o.keyAttach()), SetAsideState.DONE));
        } else {
            graph.add(Step.KEY, o.table(), name, c -> step(c, o, List.of(add + o.definition()), SetAsideState.DONE));
        }
    }

    /**
     * A foreign key comes back NOT VALID, then is validated when it was valid before the move (one of or to a partitioned
     * table comes back checked at once); one added NOT VALID by an earlier run is only validated.
     */
    private void foreignKey(LoadGraph graph, JournalObject o) {
        String table = o.table().sql();
        if (o.state() == SetAsideState.DROPPED) {
            String add = "ALTER TABLE " + table + " ADD CONSTRAINT " + Identifiers.quote(o.name()) + " " + o.definition();
            graph.foreignKey(Step.FOREIGN_KEY, o.table(), o.name(), o.references(), "add fk " + table + " " + o.name(), c -> {
                // PostgreSQL (before 18) cannot add a NOT VALID foreign key to a partitioned table, and one that references
                // a partitioned table has a piece per referenced partition, which its VALIDATE leaves NOT VALID and which
                // cannot be validated on their own: add such a key checked.
                boolean checkedAtOnce = o.wasValid()
                        && (partitioned(c, o.table()) || o.references() != null && partitioned(c, o.references()));
                step(c, o, List.of(add + (checkedAtOnce ? "" : " NOT VALID")), o.wasValid() && !checkedAtOnce ? SetAsideState.RESTORED : SetAsideState.DONE);
            });
        }
        if (o.wasValid() && o.state() != SetAsideState.DONE) {
            String validate = "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + Identifiers.quote(o.name());
            // A no-op for a key that is valid already (a partitioned table's, added checked).
            graph.foreignKey(Step.VALIDATE, o.table(), o.name(), o.references(), "validate fk " + table + " " + o.name(),
                    c -> step(c, o, List.of(validate), SetAsideState.DONE));
        }
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
        String target = o.kind() == SetAsideKind.INDEX
                ? "INDEX " + new QualifiedName(o.table().schema(), o.name()).sql()
                : "CONSTRAINT " + Identifiers.quote(o.name()) + " ON " + o.table().sql();
        return "COMMENT ON " + target + " IS " + Identifiers.literal(o.comment());
    }

    private void step(Connection c, JournalObject o, List<String> statements, SetAsideState state) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET maintenance_work_mem = '256MB'");
            for (String sql : statements) {
                s.execute(sql);
            }
            if (o.comment() != null) {
                s.execute(commentSql(o));
            }
            if (o.indexComment() != null) {
                // a key's index has the key's name
                s.execute("COMMENT ON INDEX " + new QualifiedName(o.table().schema(), o.name()).sql() + " IS "
                        + Identifiers.literal(o.indexComment()));
            }
            Journal.setObjectState(c, run, o, state);
            c.commit();
        } catch (SQLException e) {
            Sessions.rollbackAfterFailure(c);
            if ("23503".equals(e.getSQLState()) && o.kind() == SetAsideKind.FOREIGN_KEY) {
                throw new DatabaseException("foreign key " + o.table() + "." + Identifiers.display(o.name())
                        + " does not hold after the load: " + SqlErrors.describe(e) + "; first orphan rows: "
                        + Orphans.sampleText(c, o.table(), o.name()) + ". The key stays NOT VALID; fix the rows and run the move again with "
                        + Setting.RESUME.mention() + ", or undo it with " + Setting.ABORT.mention(), e.getSQLState(), e);
            }
            throw SqlErrors.translate("restoring " + o.kind().label() + " " + o.name() + " on " + o.table(), e);
        }
    }

    private static String enable(String formerState) {
        return switch (formerState) {
            case "R" -> "ENABLE REPLICA";
            case "A" -> "ENABLE ALWAYS";
            default -> "ENABLE";
        };
    }
}
