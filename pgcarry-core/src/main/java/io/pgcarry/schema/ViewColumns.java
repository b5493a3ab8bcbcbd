package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.SqlResource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the columns of views and materialized views hold beyond the view's definition, read by {@code ViewColumns.sql}
 * into attributes of the view: column grants (with privileges) and a materialized view's column storage, compression and
 * statistics targets. Written as pg_dump writes them, after the view.
 */
final class ViewColumns {
    static final SqlResource SQL = SqlResource.of(ViewColumns.class);
    /** Queries whose rows are merged into views the object queries already read. */
    static final List<String> QUERIES = List.of("view_column_settings");

    private ViewColumns() {
    }

    /** A materialized view's column settings (ALTER TABLE ONLY applies to a materialized view's columns too). */
    static List<String> settings(SchemaObject view) {
        List<String> sql = new ArrayList<>();
        for (List<String> row : Ddl.jsonRows(view.attribute("column_settings"))) {
            sql.addAll(settings(view.id(), row));
        }
        return sql;
    }

    private static List<String> settings(ObjectId view, List<String> row) {
        List<String> sql = new ArrayList<>();
        String alter = "ALTER TABLE ONLY " + view.sqlName() + " ALTER COLUMN " + Identifiers.quote(row.get(0));
        if (row.get(1) != null) {
            sql.add(alter + " SET STORAGE " + switch (row.get(1)) {
                case "p" -> "PLAIN";
                case "e" -> "EXTERNAL";
                case "m" -> "MAIN";
                default -> "EXTENDED";
            });
        }
        if (row.get(2) != null) {
            sql.add(alter + " SET COMPRESSION " + ("lz4".equals(row.get(2)) ? "lz4" : "pglz"));
        }
        if (row.get(3) != null) {
            sql.add(alter + " SET STATISTICS " + Integer.parseInt(row.get(3)));
        }
        return sql;
    }

    /** The column grants; after the view's own grants, since a REVOKE on the view takes its columns' too. */
    static List<String> grants(SchemaObject view) {
        List<String> sql = new ArrayList<>();
        for (List<String> entry : Ddl.jsonRows(view.attribute("column_acl"))) {
            sql.add(grant(view.id(), entry));
        }
        return sql;
    }

    private static String grant(ObjectId view, List<String> entry) {
        return "GRANT " + entry.get(2) + " (" + Identifiers.quote(entry.get(0)) + ") ON TABLE " + view.sqlName() + " TO " + entry.get(1)
                + ("true".equals(entry.get(3)) ? " WITH GRANT OPTION" : "");
    }

    /** Aligns the column grants: revokes what TARGET has beyond SOURCE, grants what it lacks. */
    static List<String> alignGrants(SchemaObject wanted, SchemaObject found) {
        List<List<String>> want = Ddl.jsonRows(wanted.attribute("column_acl"));
        List<List<String>> have = Ddl.jsonRows(found.attribute("column_acl"));
        List<String> sql = new ArrayList<>();
        have.stream().filter(e -> !want.contains(e)).forEach(e -> sql.add("REVOKE " + e.get(2) + " (" + Identifiers.quote(e.get(0))
                + ") ON TABLE " + wanted.id().sqlName() + " FROM " + e.get(1)));
        want.stream().filter(e -> !have.contains(e)).forEach(e -> sql.add(grant(wanted.id(), e)));
        return sql;
    }

    /**
     * Aligns the settings of the columns whose settings differ; a setting SOURCE leaves at its default while TARGET does not
     * is set by hand (the default depends on the column's type).
     */
    static List<String> alignSettings(SchemaObject wanted, SchemaObject found) {
        List<List<String>> want = Ddl.jsonRows(wanted.attribute("column_settings"));
        List<List<String>> have = Ddl.jsonRows(found.attribute("column_settings"));
        List<String> sql = new ArrayList<>();
        for (List<String> row : want) {
            if (!have.contains(row)) {
                sql.addAll(settings(wanted.id(), row));
            }
        }
        return sql;
    }

    /** The columns of TARGET with a setting SOURCE leaves at its default. */
    static List<String> settingsOnlyInTarget(SchemaObject wanted, SchemaObject found) {
        List<List<String>> want = Ddl.jsonRows(wanted.attribute("column_settings"));
        List<String> columns = new ArrayList<>();
        for (List<String> row : Ddl.jsonRows(found.attribute("column_settings"))) {
            List<String> other = want.stream().filter(w -> w.get(0).equals(row.get(0))).findFirst()
                    .orElse(Arrays.asList(row.get(0), null, null, null));
            for (int i = 1; i < row.size(); i++) {
                if (row.get(i) != null && other.get(i) == null) {
                    columns.add(row.get(0));
                    break;
                }
            }
        }
        return columns;
    }
}
