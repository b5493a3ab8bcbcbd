package io.pgcarry.rehearse;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.catalog.RowKeys;
import io.pgcarry.catalog.SqlResource;
import io.pgcarry.catalog.Table;
import io.pgcarry.error.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The rows that made a statement fail: for a CHECK constraint, a foreign key, a NOT NULL or a unique index that the
 * data breaks, how many rows break it and up to 10 of their primary keys, named as {@code validate} names rows
 * ({@link RowKeys}). The server's error names the table and the constraint or column; a constraint the failed
 * statement was adding (and so does not exist) is added NOT VALID in a transaction rolled back afterwards, to read it.
 */
final class OffendingRows {
    private static final SqlResource SQL = SqlResource.of(OffendingRows.class);
    private static final int KEYS = 10;
    private static final Pattern DUPLICATED = Pattern.compile("Key \\((.+)\\)=\\(.*\\) is duplicated\\.", Pattern.DOTALL);

    private OffendingRows() {
    }

    /** The failure of {@code sql}, with the offending rows when the data made it fail; {@code c} is idle, in autocommit. */
    static Failure of(Connection c, String sql, SQLException error) {
        String message = SqlErrors.describe(error).lines().findFirst().orElse("");
        ServerErrorMessage server = error instanceof PSQLException p ? p.getServerErrorMessage() : null;
        if (server == null || server.getTable() == null) {
            return new Failure(error.getSQLState(), message, -1, List.of());
        }
        QualifiedName table = new QualifiedName(server.getSchema(), server.getTable());
        try {
            c.setAutoCommit(false);
            String where = where(c, sql, error.getSQLState(), table, server);
            return where == null ? new Failure(error.getSQLState(), message, -1, List.of()) : rows(c, table, where, error, message);
        } catch (SQLException e) {
            return new Failure(error.getSQLState(), message, -1, List.of());
        } finally {
            rollback(c);
        }
    }

    private static Failure rows(Connection c, QualifiedName table, String where, SQLException error, String message)
            throws SQLException {
        String from = " FROM " + table.sql() + " t WHERE " + where;
        long count;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*)" + from)) {
            rs.next();
            count = rs.getLong(1);
        }
        List<String> keys = new ArrayList<>();
        Table named = new Table(table, false, null, List.of(), primaryKey(c, table), 0, 0);
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + RowKeys.keyText(named, "t") + from + " ORDER BY 1 LIMIT " + KEYS)) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return new Failure(error.getSQLState(), message, count, keys);
    }

    /** The condition the offending rows meet, or null when the failure is not about rows pgcarry can name. */
    private static String where(Connection c, String sql, String state, QualifiedName table, ServerErrorMessage server)
            throws SQLException {
        return switch (state) {
            case "23502" -> server.getColumn() == null ? null : "t." + Identifiers.quote(server.getColumn()) + " IS NULL";
            case "23514" -> check(c, sql, table, server.getConstraint());
            case "23503" -> foreignKey(c, sql, table, server.getConstraint());
            case "23505" -> duplicated(c, table, server);
            default -> null;
        };
    }

    private static String check(Connection c, String sql, QualifiedName table, String constraint) throws SQLException {
        String expression = oneString(c, "check", table, constraint);
        if (expression == null && addedNotValid(c, sql)) {
            expression = oneString(c, "check", table, constraint);
        }
        return expression == null ? null : "NOT (" + expression + ")";
    }

    private static String foreignKey(Connection c, String sql, QualifiedName table, String constraint) throws SQLException {
        List<String[]> pairs = foreignKeyColumns(c, table, constraint);
        if (pairs.isEmpty() && addedNotValid(c, sql)) {
            pairs = foreignKeyColumns(c, table, constraint);
        }
        if (pairs.isEmpty()) {
            return null;
        }
        String notNull = pairs.stream().map(p -> "t." + Identifiers.quote(p[0]) + " IS NOT NULL").collect(Collectors.joining(" AND "));
        String match = pairs.stream().map(p -> "r." + Identifiers.quote(p[1]) + " = t." + Identifiers.quote(p[0]))
                .collect(Collectors.joining(" AND "));
        return notNull + " AND NOT EXISTS (SELECT 1 FROM " + pairs.get(0)[2] + " r WHERE " + match + ")";
    }

    /** A unique index's key columns: from the error's detail, else from the INVALID index a concurrent build left. */
    private static String duplicated(Connection c, QualifiedName table, ServerErrorMessage server) throws SQLException {
        Matcher m = server.getDetail() == null ? null : DUPLICATED.matcher(server.getDetail());
        List<String> columns = m != null && m.matches() ? Identifiers.splitOutsideQuotes(m.group(1), ',').stream()
                .map(String::strip).map(OffendingRows::column).toList() : indexColumns(c, table.schema(), server.getConstraint());
        if (columns.isEmpty()) {
            return null;
        }
        String list = columns.stream().map(col -> "t." + col).collect(Collectors.joining(", "));
        String inner = String.join(", ", columns);
        return "(" + list + ") IN (SELECT " + inner + " FROM " + table.sql() + " GROUP BY " + inner + " HAVING count(*) > 1)";
    }

    /** A column as the error's detail writes it (quoted when it must be), as SQL. */
    private static String column(String shown) {
        return shown.startsWith("\"") ? shown : Identifiers.quote(shown);
    }

    /** Runs the failed ALTER TABLE again with NOT VALID, in the transaction rolled back afterwards; whether it ran. */
    private static boolean addedNotValid(Connection c, String sql) {
        if (!sql.strip().toLowerCase(Locale.ROOT).startsWith("alter table")) {
            return false;
        }
        try (Statement s = c.createStatement()) {
            s.execute("SAVEPOINT pgcarry_offending");
            s.execute(sql.strip().replaceFirst(";$", "") + " NOT VALID");
            return true;
        } catch (SQLException e) {
            try (Statement s = c.createStatement()) {
                s.execute("ROLLBACK TO SAVEPOINT pgcarry_offending");
            } catch (SQLException ignored) {
                // the caller rolls back
            }
            return false;
        }
    }

    private static List<String> primaryKey(Connection c, QualifiedName table) throws SQLException {
        return strings(c, "primary-key", table.sql());
    }

    private static List<String> indexColumns(Connection c, String schema, String index) throws SQLException {
        return index == null ? List.of() : strings(c, "index-columns", schema, index).stream().map(Identifiers::quote).toList();
    }

    private static String oneString(Connection c, String query, QualifiedName table, String constraint) throws SQLException {
        List<String> found = constraint == null ? List.of() : strings(c, query, table.sql(), constraint);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<String[]> foreignKeyColumns(Connection c, QualifiedName table, String constraint) throws SQLException {
        List<String[]> pairs = new ArrayList<>();
        if (constraint == null) {
            return pairs;
        }
        try (PreparedStatement ps = c.prepareStatement(SQL.get("foreign-key"))) {
            ps.setString(1, table.sql());
            ps.setString(2, constraint);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pairs.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
        }
        return pairs;
    }

    private static List<String> strings(Connection c, String query, String... parameters) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SQL.get(query))) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // a lost session: the rehearsal reports its own failure
        }
    }
}
