package io.pgcarry.move;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.Sessions;
import io.pgcarry.error.DatabaseException;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.verify.Orphans;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;

/**
 * Brings back what {@link SetAside} took away, in parallel: indexes first, then foreign keys as NOT VALID,
 * then VALIDATE CONSTRAINT for those that were valid, then triggers. Each statement commits together with
 * its journal state, so a second run (resume or abort) continues exactly where the first stopped.
 */
final class Restore {
    private final Connector connector;
    private final ConnectionSpec target;
    private final long run;
    private final int jobs;

    Restore(Connector connector, ConnectionSpec target, long run, int jobs) {
        this.connector = connector;
        this.target = target;
        this.run = run;
        this.jobs = jobs;
    }

    void all(List<JournalObject> objects, Consumer<String> phase) {
        phase.accept("indexes");
        parallel(objects.stream().filter(o -> (o.kind().equals(JournalObject.INDEX) || o.kind().equals(JournalObject.KEY))
                        && o.state().equals("dropped")).sorted(java.util.Comparator.comparing(JournalObject::kind).reversed()).toList(),
                jobs, (c, o) -> step(c, o, o.kind().equals(JournalObject.KEY)
                        ? "ALTER TABLE " + o.table().sql() + " ADD CONSTRAINT " + Identifiers.quote(o.name()) + " " + o.definition()
                        : o.definition(), "done"));
        phase.accept("foreign keys");
        // One at a time: adding a key locks both of its tables, and keys of a cycle would deadlock in parallel.
        // NOT VALID makes each addition a quick catalog change; the long part, VALIDATE, runs in parallel.
        parallel(objects.stream().filter(o -> o.kind().equals(JournalObject.FOREIGN_KEY) && o.state().equals("dropped")).toList(),
                1, (c, o) -> {
                    // PostgreSQL (before 18) cannot add a NOT VALID foreign key to a partitioned table: add it checked.
                    boolean checkedAtOnce = o.wasValid() && partitioned(c, o);
                    step(c, o, "ALTER TABLE " + o.table().sql() + " ADD CONSTRAINT " + Identifiers.quote(o.name()) + " "
                            + o.definition() + (checkedAtOnce ? "" : " NOT VALID"), o.wasValid() && !checkedAtOnce ? "restored" : "done");
                });
        phase.accept("validating foreign keys");
        parallel(objects.stream().filter(o -> o.kind().equals(JournalObject.FOREIGN_KEY) && o.wasValid()
                        && !o.state().equals("done")).toList(),
                jobs, (c, o) -> step(c, o, "ALTER TABLE " + o.table().sql() + " VALIDATE CONSTRAINT " + Identifiers.quote(o.name()), "done"));
        parallel(objects.stream().filter(o -> o.kind().equals(JournalObject.TRIGGER) && o.state().equals("dropped")).toList(),
                1, (c, o) -> step(c, o, "ALTER TABLE " + o.table().sql() + " " + enable(o.definition()) + " TRIGGER "
                        + Identifiers.quote(o.name()), "done"));
    }

    private static boolean partitioned(Connection c, JournalObject o) throws SQLException {
        try (var query = c.prepareStatement("SELECT relkind = 'p' FROM pg_class WHERE oid = ?::regclass")) {
            query.setString(1, o.table().sql());
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

    private interface Step {
        void run(Connection c, JournalObject o) throws SQLException;
    }

    private void step(Connection c, JournalObject o, String sql, String state) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET maintenance_work_mem = '256MB'");
            s.execute(sql);
            if (o.comment() != null) {
                s.execute(commentSql(o));
            }
            Journal.setObjectState(c, run, o, state);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            if ("23503".equals(e.getSQLState()) && o.kind().equals(JournalObject.FOREIGN_KEY)) {
                throw new DatabaseException("foreign key " + o.table() + "." + Identifiers.display(o.name())
                        + " does not hold after the load: " + SqlErrors.describe(e) + "; first orphan rows: "
                        + Orphans.sampleText(c, o.table(), o.name()) + ". The key stays NOT VALID; fix the rows and run "
                        + "'pgcarry move --resume', or undo with '--abort'", e.getSQLState(), e);
            }
            throw SqlErrors.translate("restoring " + o.kind() + " " + o.name() + " on " + o.table(), e);
        }
    }

    private void parallel(List<JournalObject> objects, int maxThreads, Step step) {
        io.pgcarry.parallel.Workers.drain("restore", maxThreads, objects, () -> {
            Connection c = Sessions.prepare(connector.open(target));
            try {
                c.setAutoCommit(false);
            } catch (SQLException e) {
                throw SqlErrors.translate("opening a restore session", e);
            }
            return c;
        }, step::run);
    }

    private static String enable(String formerState) {
        return switch (formerState) {
            case "R" -> "ENABLE REPLICA";
            case "A" -> "ENABLE ALWAYS";
            default -> "ENABLE";
        };
    }
}
