package io.pgcarry.check;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.Table;
import io.pgcarry.error.Setting;
import io.pgcarry.report.ProblemCode;
import io.pgcarry.catalog.Constraint;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.catalog.RowSecurity;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.plan.MovePlan;
import io.pgcarry.plan.TableMove;
import io.pgcarry.report.Problem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the roles may do: SELECT and a snapshot export on the source; INSERT on the target, TRUNCATE where
 * pgcarry empties tables, ownership where it drops and re-creates foreign keys, indexes and triggers,
 * REFERENCES on tables referenced by re-created keys, and CREATE on the database for the journal. On both sides, no
 * row-level security policy may apply to the role on a copied table.
 */
final class Privileges {
    // By schema and name from the catalog, never through regclass: resolving a name in a schema the role may not use
    // fails (42501), and that schema is one more problem to list, not the end of the check.
    private static final String TABLE_PRIVILEGE = """
            SELECT has_schema_privilege(n.oid, 'USAGE') AND has_table_privilege(c.oid, ?)
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = ? AND c.relname = ?
            """;
    private static final String OWNS = """
            SELECT pg_has_role(c.relowner, 'USAGE')
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = ? AND c.relname = ?
            """;
    private static final String SCHEMA_USAGE = "SELECT has_schema_privilege(oid, 'USAGE') FROM pg_namespace WHERE nspname = ?";
    private static final String JOURNAL = """
            SELECT has_database_privilege(current_database(), 'CREATE')
                OR EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'pgcarry' AND pg_has_role(nspowner, 'USAGE'))
            """;

    private Privileges() {
    }

    static List<Problem> source(Connection source, MovePlan plan) {
        List<Problem> problems = new ArrayList<>();
        try {
            problems.addAll(schemaUsage(source, plan.tables().stream().map(t -> t.source().name()).toList(), "source"));
            for (TableMove move : plan.tables()) {
                if (!tablePrivilege(source, move.source().name(), "SELECT")) {
                    problems.add(Problem.error(ProblemCode.NO_SELECT, move.source().name().toString(),
                            "the source role may not read this table; GRANT SELECT ON " + move.source().name().sql() + " TO it"));
                }
            }
            for (QualifiedName table : RowSecurity.filtered(source, plan.tables().stream().map(t -> t.source().name()).toList())) {
                problems.add(Problem.error(ProblemCode.ROW_SECURITY, table.toString(), "row-level security policies filter the rows the "
                        + "source role reads from this table, so rows would be missed; " + RowSecurity.advice()));
            }
            try (Statement s = source.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
                rs.next();
            } catch (SQLException e) {
                problems.add(Problem.error(ProblemCode.NO_SNAPSHOT, "source", "the source cannot export a snapshot ("
                        + SqlErrors.describe(e) + "); use the direct connection, not a pooler"));
            }
            return problems;
        } catch (SQLException e) {
            throw SqlErrors.translate("checking privileges on the source", e);
        }
    }

    static List<Problem> target(Connection target, MovePlan plan, boolean truncate, boolean disableTriggers) {
        List<Problem> problems = new ArrayList<>();
        try {
            problems.addAll(schemaUsage(target, plan.targetTables(), "target"));
            for (TableMove move : plan.tables()) {
                problems.addAll(tableAccess(target, move, truncate));
            }
            for (QualifiedName table : RowSecurity.filtered(target, plan.targetTables())) {
                problems.add(Problem.error(ProblemCode.ROW_SECURITY, table.toString(), "row-level security policies apply to the target "
                        + "role on this table: COPY refuses to load it and validation would miss rows; " + RowSecurity.advice()));
            }
            problems.addAll(rebuilding(target, plan, disableTriggers));
            problems.addAll(journal(target));
            return problems;
        } catch (SQLException e) {
            throw SqlErrors.translate("checking privileges on the target", e);
        }
    }

    /** Reading, loading and (to undo a move) emptying one target table. */
    private static List<Problem> tableAccess(Connection target, TableMove move, boolean truncate) throws SQLException {
        List<Problem> problems = new ArrayList<>();
        QualifiedName table = move.target().name();
        if (!tablePrivilege(target, table, "SELECT")) {
            problems.add(Problem.error(ProblemCode.NO_SELECT, table.toString(), "the target role may not read this table, so pgcarry "
                    + "cannot check that it is empty nor validate it; GRANT SELECT ON " + table.sql() + " TO it"));
        }
        if (!tablePrivilege(target, table, "INSERT")) {
            problems.add(Problem.error(ProblemCode.NO_INSERT, table.toString(), "the target role may not insert into this table; "
                    + "GRANT INSERT ON " + table.sql() + " TO it"));
        }
        if (move.target().extensionConfig()) {
            // Its user rows are deleted, never truncated: the extension's own rows stay.
            if (!tablePrivilege(target, table, "DELETE")) {
                problems.add(Problem.error(ProblemCode.NO_DELETE, table.toString(), "an extension's configuration table is emptied "
                        + "of its user rows with DELETE (by " + Setting.TRUNCATE_TARGET.mention() + " and " + Setting.ABORT.mention()
                        + "); GRANT DELETE ON " + table.sql() + " TO the target role"));
            }
        } else if (!tablePrivilege(target, table, "TRUNCATE")) {
            if (truncate) {
                problems.add(Problem.error(ProblemCode.NO_TRUNCATE, table.toString(), Setting.TRUNCATE_TARGET.mention() + " needs TRUNCATE on this table; GRANT it"));
            } else if (tablePrivilege(target, table, "DELETE")) {
                problems.add(Problem.warning(ProblemCode.NO_TRUNCATE, table.toString(), "without TRUNCATE, " + Setting.ABORT.mention() + " empties this table with DELETE"));
            } else {
                problems.add(Problem.error(ProblemCode.NO_TRUNCATE, table.toString(), "an interrupted move could not be undone (" + Setting.ABORT.mention() + " "
                        + "empties loaded tables); GRANT TRUNCATE (or DELETE) ON " + table.sql() + " to the target role"));
            }
        }
        return problems;
    }

    /** Setting aside and re-creating keys, indexes and foreign keys around the load. */
    private static List<Problem> rebuilding(Connection target, MovePlan plan, boolean disableTriggers) throws SQLException {
        List<Problem> problems = new ArrayList<>();
        for (QualifiedName table : tablesToAlter(plan, disableTriggers)) {
            if (!owns(target, table)) {
                problems.add(Problem.error(ProblemCode.NOT_OWNER, table.toString(), "pgcarry sets aside and re-creates keys and indexes "
                        + "of this table, which needs its owner; run as the owner or GRANT the owning role to this one"));
            }
        }
        Set<String> indexSchemas = new TreeSet<>();
        for (QualifiedName table : plan.targetTables()) {
            if (plan.target().indexesOf(table).stream().anyMatch(i -> !i.backsConstraint())) {
                indexSchemas.add(table.schema());
            }
        }
        for (String schema : indexSchemas) {
            if (!schemaCreate(target, schema)) {
                problems.add(Problem.error(ProblemCode.NO_SCHEMA_CREATE, "schema " + Identifiers.display(schema),
                        "pgcarry rebuilds secondary indexes after the load, which needs CREATE on their schema; GRANT CREATE ON SCHEMA "
                                + Identifiers.quote(schema) + " TO the target role"));
            }
        }
        for (QualifiedName referenced : referencedTables(plan)) {
            if (!tablePrivilege(target, referenced, "REFERENCES")) {
                problems.add(Problem.error(ProblemCode.NO_REFERENCES, referenced.toString(), "re-creating foreign keys that point here "
                        + "needs REFERENCES on it; GRANT REFERENCES ON " + referenced.sql() + " TO the target role"));
            }
        }
        return problems;
    }

    /** Keeping the move's journal in the target. */
    private static List<Problem> journal(Connection target) throws SQLException {
        try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery(JOURNAL)) {
            rs.next();
            return rs.getBoolean(1) ? List.of() : List.of(Problem.error(ProblemCode.NO_CREATE, "target database", "pgcarry keeps its "
                    + "journal in schema pgcarry of the target and needs CREATE on the database; GRANT CREATE ON DATABASE to the "
                    + "target role, or create schema pgcarry for it"));
        }
    }

    /** Tables whose foreign keys, indexes or triggers a move changes. */
    static Set<QualifiedName> tablesToAlter(MovePlan plan, boolean disableTriggers) {
        // Mirrors the move's set-aside: an extension's configuration table keeps its keys, indexes and triggers.
        Set<QualifiedName> loaded = new LinkedHashSet<>(plan.targetTables());
        loaded.removeIf(table -> extensionConfig(plan, table));
        Set<QualifiedName> result = new LinkedHashSet<>();
        for (Constraint fk : plan.target().foreignKeys()) {
            if (extensionConfig(plan, fk.table())) {
                continue;
            }
            if (loaded.contains(fk.table()) || loaded.contains(fk.references())) {
                result.add(fk.table());
            }
        }
        for (QualifiedName table : loaded) {
            // Mirrors what a move sets aside: primary and unique keys too (except on partitioned roots).
            boolean partitioned = plan.target().table(table).map(Table::partitioned).orElse(true);
            boolean hasKey = !partitioned && plan.target().constraintsOf(table).stream().anyMatch(c -> c.kind() == 'p' || c.kind() == 'u');
            boolean hasSecondaryIndex = plan.target().indexesOf(table).stream().anyMatch(i -> !i.backsConstraint());
            boolean hasTriggers = disableTriggers && !plan.target().triggersOf(table).isEmpty();
            if (hasKey || hasSecondaryIndex || hasTriggers) {
                result.add(table);
            }
        }
        return result;
    }

    private static boolean extensionConfig(MovePlan plan, QualifiedName table) {
        return plan.target().table(table).map(Table::extensionConfig).orElse(false);
    }

    private static Set<QualifiedName> referencedTables(MovePlan plan) {
        Set<QualifiedName> loaded = plan.targetTables();
        Set<QualifiedName> result = new LinkedHashSet<>();
        for (Constraint fk : plan.target().foreignKeys()) {
            if (loaded.contains(fk.table()) || loaded.contains(fk.references())) {
                result.add(fk.references());
            }
        }
        return result;
    }

    /** A NO_USAGE error per schema of these tables that the role may not use: none of its tables can be reached. */
    private static List<Problem> schemaUsage(Connection c, Collection<QualifiedName> tables, String side) throws SQLException {
        List<Problem> problems = new ArrayList<>();
        Set<String> schemas = new TreeSet<>();
        tables.forEach(t -> schemas.add(t.schema()));
        for (String schema : schemas) {
            try (PreparedStatement ps = c.prepareStatement(SCHEMA_USAGE)) {
                ps.setString(1, schema);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && !rs.getBoolean(1)) {
                        problems.add(Problem.error(ProblemCode.NO_USAGE, Identifiers.display(schema), "the " + side
                                + " role may not use this schema, so none of its tables can be read; GRANT USAGE ON SCHEMA "
                                + Identifiers.quote(schema) + " TO it, or leave its tables out with " + Setting.EXCLUDE.mention()));
                    }
                }
            }
        }
        return problems;
    }

    private static boolean schemaCreate(Connection c, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT has_schema_privilege(?, 'CREATE')")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static boolean tablePrivilege(Connection c, QualifiedName table, String privilege) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(TABLE_PRIVILEGE)) {
            ps.setString(1, privilege);
            ps.setString(2, table.schema());
            ps.setString(3, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static boolean owns(Connection c, QualifiedName table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OWNS)) {
            ps.setString(1, table.schema());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
