package io.pgcarry.catalog;

import io.pgcarry.error.DatabaseException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extension configuration tables: members of an extension that the extension marked with
 * {@code pg_extension_config_dump(table, condition)}, so that the rows matching the condition are the user's data
 * ({@code CREATE EXTENSION} makes the table and its default rows; a condition of {@code ''} means every row).
 * Such a table is carried, as pg_dump carries it, by its matching rows only: they are read, loaded beside the
 * extension's own rows, deleted instead of truncated, and compared by validation on both sides.
 */
public final class ExtensionConfig {
    private static final Pattern WHERE = Pattern.compile("(?is)^\\s*WHERE\\b(.*)$");
    private static final String TABLES = """
            SELECT n.nspname, c.relname, coalesce(x.extcondition[array_position(x.extconfig, c.oid)], '')
              FROM pg_catalog.pg_extension x
              JOIN pg_catalog.pg_class c ON c.oid = ANY (x.extconfig) AND c.relkind IN ('r', 'p')
              JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            """;

    private ExtensionConfig() {
    }

    /**
     * The boolean condition of an extension's filter ({@code WHERE ...} as the extension wrote it), or null for
     * {@code ''} (every row). Anything else cannot be read as a row filter and is refused rather than guessed at.
     */
    public static String condition(QualifiedName table, String filter) {
        if (filter == null || filter.isBlank()) {
            return null;
        }
        Matcher m = WHERE.matcher(filter);
        if (!m.matches() || m.group(1).isBlank()) {
            throw new DatabaseException("the extension configuration table " + table + " has a filter that is no WHERE clause ("
                    + filter.length() + " characters); pgcarry cannot tell which of its rows are user data", null, null);
        }
        return "(" + m.group(1).strip() + ")";
    }

    /**
     * The rows of a configuration table that are user data, as a FROM item named like the table. It keeps the
     * system columns {@code tableoid} and {@code ctid}, by which single rows are picked out (oversized rows, rows of
     * tables without a key); no query reads {@code *} of a table, so they change nothing else.
     */
    static String rowsSql(QualifiedName table, String allRows, String filter) {
        String condition = condition(table, filter);
        if (condition == null) {
            return allRows;
        }
        return "(SELECT *, tableoid, ctid FROM " + allRows + " WHERE " + condition + ") AS " + Identifiers.quote(table.name());
    }

    /** Deletes the user rows of a configuration table, leaving the extension's own; never a TRUNCATE. */
    public static String deleteSql(QualifiedName table, String filter) {
        String condition = condition(table, filter);
        return "DELETE FROM " + table.sql() + (condition == null ? "" : " WHERE " + condition);
    }

    /** The configuration tables of a database's extensions, with their filters ({@code ''} for every row). */
    public static Map<QualifiedName, String> tables(Connection connection) throws SQLException {
        Map<QualifiedName, String> result = new LinkedHashMap<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(TABLES)) {
            while (rs.next()) {
                result.put(new QualifiedName(rs.getString(1), rs.getString(2)), rs.getString(3));
            }
        }
        return result;
    }
}
