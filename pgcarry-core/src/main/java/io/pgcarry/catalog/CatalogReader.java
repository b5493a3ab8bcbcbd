package io.pgcarry.catalog;

import io.pgcarry.error.SqlErrors;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a {@link Catalog} from a live connection (in whatever snapshot the connection is in). */
public final class CatalogReader {
    private static final SqlResource SQL = SqlResource.of(CatalogReader.class);

    private CatalogReader() {
    }

    public static Catalog read(Connection connection) {
        try (Statement s = connection.createStatement()) {
            int version;
            try (ResultSet rs = s.executeQuery("show server_version_num")) {
                rs.next();
                version = Integer.parseInt(rs.getString(1));
            }
            Map<QualifiedName, List<Column>> columns = columns(s);
            List<Table> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(SQL.get("tables"))) {
                while (rs.next()) {
                    QualifiedName name = new QualifiedName(rs.getString(1), rs.getString(2));
                    tables.add(new Table(name, rs.getBoolean(3), rs.getString(4),
                            columns.getOrDefault(name, List.of()), strings(rs.getArray(7)), rs.getLong(5), rs.getLong(6),
                            rs.getString(8)));
                }
            }
            return Catalog.of(version, tables, constraints(s), indexes(s), sequences(s), enums(s), triggers(s));
        } catch (SQLException e) {
            throw SqlErrors.translate("reading the catalog", e);
        }
    }

    private static Map<QualifiedName, List<Column>> columns(Statement s) throws SQLException {
        Map<QualifiedName, List<Column>> result = new LinkedHashMap<>();
        try (ResultSet rs = s.executeQuery(SQL.get("columns"))) {
            while (rs.next()) {
                QualifiedName table = new QualifiedName(rs.getString(1), rs.getString(2));
                result.computeIfAbsent(table, t -> new ArrayList<>()).add(new Column(
                        rs.getString(3), rs.getInt(4), rs.getString(5), new QualifiedName(rs.getString(6), rs.getString(7)),
                        rs.getString(8).charAt(0), rs.getBoolean(9), rs.getBoolean(10), rs.getBoolean(11), rs.getString(12),
                        rs.getString(13), rs.getBoolean(14), integer(rs, 15), integer(rs, 16), integer(rs, 17),
                        rs.getBoolean(18)));
            }
        }
        return result;
    }

    private static List<Constraint> constraints(Statement s) throws SQLException {
        List<Constraint> result = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(KeySteps.withDefinition(SQL.get("constraints")))) {
            while (rs.next()) {
                QualifiedName references = rs.getString(6) == null ? null : new QualifiedName(rs.getString(6), rs.getString(7));
                result.add(new Constraint(new QualifiedName(rs.getString(1), rs.getString(2)), rs.getString(3),
                        rs.getString(4).charAt(0), strings(rs.getArray(5)), references, strings(rs.getArray(8)),
                        rs.getString(9), rs.getBoolean(10)));
            }
        }
        return result;
    }

    private static List<Index> indexes(Statement s) throws SQLException {
        List<Index> result = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(SQL.get("indexes"))) {
            while (rs.next()) {
                result.add(new Index(new QualifiedName(rs.getString(1), rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getBoolean(5), rs.getBoolean(6)));
            }
        }
        return result;
    }

    private static List<Sequence> sequences(Statement s) throws SQLException {
        List<Sequence> result = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(SQL.get("sequences"))) {
            while (rs.next()) {
                QualifiedName owner = rs.getString(4) == null ? null : new QualifiedName(rs.getString(3), rs.getString(4));
                result.add(new Sequence(new QualifiedName(rs.getString(1), rs.getString(2)), owner, rs.getString(5)));
            }
        }
        return result;
    }

    private static List<EnumType> enums(Statement s) throws SQLException {
        List<EnumType> result = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(SQL.get("enums"))) {
            while (rs.next()) {
                result.add(new EnumType(new QualifiedName(rs.getString(1), rs.getString(2)), strings(rs.getArray(3))));
            }
        }
        return result;
    }

    private static List<Trigger> triggers(Statement s) throws SQLException {
        List<Trigger> result = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(SQL.get("triggers"))) {
            while (rs.next()) {
                result.add(new Trigger(new QualifiedName(rs.getString(1), rs.getString(2)), rs.getString(3),
                        rs.getString(4).charAt(0)));
            }
        }
        return result;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
