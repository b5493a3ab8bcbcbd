package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.error.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Measures on TARGET how many rows a planned statement would trip over or change. It only reads (and creates one
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
    private static final String PRIMARY_KEY = """
            SELECT a.attname FROM pg_catalog.pg_index i
              JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
             WHERE i.indrelid = pg_catalog.to_regclass(?) AND i.indisprimary
             ORDER BY pg_catalog.array_position(i.indkey::int2[], a.attnum)""";

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
        castFunction();
        String c = Identifiers.quote(column.name());
        return count("SELECT count(*) FROM " + column.sqlTable() + " WHERE " + c + " IS NOT NULL AND pg_temp.pgcarry_cast_fails("
                + c + ", " + Identifiers.literal(type) + ")");
    }

    /**
     * Rows whose value {@code changed} (a condition over the column, see {@link LossyCast}) finds changed by the
     * cast to {@code type}, with up to ten sample keys; empty when not measured. Values the cast cannot convert
     * at all would abort the count: they are left out then (they are counted as failing casts).
     */
    Optional<LostValues> changedValues(ObjectId column, String changed, String type) {
        if (connection == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(lostValues(column.table(), changed));
        } catch (SQLException e) {
            try {
                castFunction();
                String convertible = "CASE WHEN pg_temp.pgcarry_cast_fails(" + Identifiers.quote(column.name()) + ", "
                        + Identifiers.literal(type) + ") THEN false ELSE " + changed + " END";
                return Optional.of(lostValues(column.table(), convertible));
            } catch (SQLException again) {
                return Optional.empty();
            }
        }
    }

    private LostValues lostValues(ObjectId table, String condition) throws SQLException {
        List<String> key = primaryKey(table);
        List<String> keySql = key.isEmpty() ? List.of("ctid") : key.stream().map(Identifiers::quote).toList();
        String from = " FROM " + table.sqlName() + " WHERE " + condition;
        long rows;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*)" + from)) {
            rs.next();
            rows = rs.getLong(1);
        }
        List<String> samples = new ArrayList<>();
        String list = String.join(", ", keySql);
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + list + from + " ORDER BY " + list + " LIMIT " + LostValues.SAMPLES)) {
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= keySql.size(); i++) {
                    values.add(String.valueOf(rs.getString(i)));
                }
                samples.add(values.size() == 1 ? values.get(0) : "(" + String.join(", ", values) + ")");
            }
        }
        return new LostValues(rows, key.isEmpty() ? List.of("ctid") : key.stream().map(Identifiers::display).toList(), samples);
    }

    private List<String> primaryKey(ObjectId table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(PRIMARY_KEY)) {
            s.setString(1, table.sqlName());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
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

    /** The first row of a query, each column as text; empty when not measured or when the query cannot run. */
    Optional<List<String>> firstRow(String sql) {
        if (connection == null) {
            return Optional.empty();
        }
        try {
            return query(sql, 1).stream().findFirst();
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /** Up to {@code limit} rows of a query, each column as text; a query that cannot run fails the plan, saying what it measured. */
    List<List<String>> rows(String sql, int limit, String measuring) {
        try {
            return connection == null ? List.of() : query(sql, limit);
        } catch (SQLException e) {
            throw SqlErrors.translate("measuring " + measuring + " on TARGET", e);
        }
    }

    private List<List<String>> query(String sql, int limit) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rows.size() < limit && rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
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

    private void castFunction() {
        if (!castFunctionReady) {
            execute(CAST_FAILS);
            castFunctionReady = true;
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
