package io.pgcarry.check;

import io.pgcarry.catalog.Catalog;
import io.pgcarry.catalog.RowKeys;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.plan.TableMove;
import io.pgcarry.report.Problem;
import io.pgcarry.report.Severity;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs the column conditions of one table in a single scan of the source, then fetches sample keys (and,
 * for enums, the offending values with their counts) for each condition that found rows.
 */
final class SourceDataCheck {
    private SourceDataCheck() {
    }

    static List<Problem> run(Connection source, TableMove move, Catalog sourceCatalog, Catalog targetCatalog) {
        List<RowCondition> conditions = ColumnConditions.of(move, sourceCatalog, targetCatalog);
        List<Problem> problems = new ArrayList<>();
        if (conditions.isEmpty()) {
            return problems;
        }
        String table = move.source().rowsSql();
        String counts = conditions.stream().map(c -> "count(*) FILTER (WHERE " + c.sql() + ")").collect(Collectors.joining(", "));
        try {
            Optional<long[]> bad = AccessGuard.unlessDenied(source, () -> counts(source, "SELECT " + counts + " FROM " + table,
                    conditions.size()));
            for (int i = 0; bad.isPresent() && i < conditions.size(); i++) {
                if (bad.get()[i] > 0) {
                    problems.add(problem(source, move, conditions.get(i), bad.get()[i]));
                }
            }
            return problems;
        } catch (SQLException e) {
            throw SqlErrors.translate("checking the data of " + move.source().name(), e);
        }
    }

    private static long[] counts(Connection source, String sql, int columns) throws SQLException {
        try (Statement s = source.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            long[] counts = new long[columns];
            for (int i = 0; i < columns; i++) {
                counts[i] = rs.getLong(i + 1);
            }
            return counts;
        }
    }

    private static Problem problem(Connection source, TableMove move, RowCondition condition, long bad) throws SQLException {
        String table = move.source().rowsSql();
        String message = condition.message();
        if (condition.valueSql() != null) {
            List<String> values = strings(source, "SELECT " + condition.valueSql() + " || ' (' || count(*) || CASE count(*) WHEN 1 THEN ' row)' ELSE ' rows)' END FROM " + table
                    + " WHERE " + condition.sql() + " GROUP BY " + condition.valueSql() + " ORDER BY count(*) DESC LIMIT 10");
            message = message + ": " + String.join(", ", values);
        }
        List<String> keys = strings(source, "SELECT " + RowKeys.keyText(move.source(), null) + " FROM " + table
                + " WHERE " + condition.sql() + " LIMIT 10");
        return new Problem(Severity.ERROR, condition.code(), condition.object(), message, bad, keys);
    }

    /** The single number a query returns. */
    static long count(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

        static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        }
        return result;
    }
}
