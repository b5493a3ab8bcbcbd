package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.error.SqlErrors;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalLong;

/**
 * Measures on TARGET how many rows a planned statement would trip over. It only reads (and creates one
 * temporary function); a count that cannot run is reported as not measured rather than failing the plan.
 * Without a live TARGET (a JSON snapshot) nothing is measured.
 */
public final class TargetProbe {
    private static final String CAST_FAILS = """
            CREATE OR REPLACE FUNCTION pg_temp.pgcarry_cast_fails(v anyelement, target text) RETURNS boolean
            LANGUAGE plpgsql AS $$
            BEGIN
                EXECUTE format('SELECT $1::%s', target) USING v;
                RETURN false;
            EXCEPTION WHEN others THEN
                RETURN true;
            END $$""";

    private final Connection connection;
    private boolean castFunctionReady;

    private TargetProbe(Connection connection) {
        this.connection = connection;
    }

    /** Probes on a connection of its own, which it switches to auto-commit and an empty search path. */
    public static TargetProbe live(Connection connection) {
        try (Statement s = connection.createStatement()) {
            connection.setAutoCommit(true);
            s.execute("SELECT pg_catalog.set_config('search_path', '', false)");
        } catch (SQLException e) {
            throw SqlErrors.translate("preparing the plan measurements on TARGET", e);
        }
        return new TargetProbe(connection);
    }

    public static TargetProbe none() {
        return new TargetProbe(null);
    }

    public boolean measures() {
        return connection != null;
    }

    public OptionalLong rows(ObjectId table) {
        return count("SELECT count(*) FROM " + table.sqlName());
    }

    public OptionalLong nulls(ObjectId column) {
        return count("SELECT count(*) FROM " + column.sqlTable() + " WHERE " + Identifiers.quote(column.name()) + " IS NULL");
    }

    public OptionalLong nonNulls(ObjectId column) {
        return count("SELECT count(*) FROM " + column.sqlTable() + " WHERE " + Identifiers.quote(column.name()) + " IS NOT NULL");
    }

    /** Rows whose value does not convert with {@code column::type}, exactly the cast a USING clause applies. */
    public OptionalLong failingCasts(ObjectId column, String type) {
        if (connection == null) {
            return OptionalLong.empty();
        }
        if (!castFunctionReady) {
            execute(CAST_FAILS);
            castFunctionReady = true;
        }
        String c = Identifiers.quote(column.name());
        return count("SELECT count(*) FROM " + column.sqlTable() + " WHERE " + c + " IS NOT NULL AND pg_temp.pgcarry_cast_fails("
                + c + ", " + Identifiers.literal(type) + ")");
    }

    /** Rows for which a CHECK expression is false. */
    public OptionalLong checkViolations(ObjectId table, String expression) {
        return count("SELECT count(*) FROM " + table.sqlTable() + " WHERE (" + expression + ") IS FALSE");
    }

    /** Groups of rows sharing a value of {@code columns} (rows with a NULL never clash). */
    public OptionalLong duplicateGroups(ObjectId table, List<String> columns) {
        String list = String.join(", ", columns);
        String notNull = String.join(" AND ", columns.stream().map(c -> c + " IS NOT NULL").toList());
        return count("SELECT count(*) FROM (SELECT 1 FROM " + table.sqlTable() + " WHERE " + notNull + " GROUP BY " + list
                + " HAVING count(*) > 1) d");
    }

    /** Rows whose reference finds no row in the referenced table. */
    public OptionalLong orphans(ObjectId table, List<String> columns, String referenced, List<String> referencedColumns) {
        StringBuilder match = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            match.append(i == 0 ? "" : " AND ").append("p.").append(referencedColumns.get(i)).append(" = c.").append(columns.get(i));
        }
        String notNull = String.join(" AND ", columns.stream().map(c -> "c." + c + " IS NOT NULL").toList());
        return count("SELECT count(*) FROM " + table.sqlTable() + " c WHERE " + notNull + " AND NOT EXISTS (SELECT 1 FROM "
                + referenced + " p WHERE " + match + ")");
    }

    private OptionalLong count(String sql) {
        if (connection == null) {
            return OptionalLong.empty();
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return OptionalLong.of(rs.getLong(1));
        } catch (SQLException e) {
            return OptionalLong.empty();
        }
    }

    private void execute(String sql) {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw SqlErrors.translate("preparing the plan measurements on TARGET", e);
        }
    }
}
