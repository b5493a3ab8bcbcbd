package io.pgcarry.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgcarry.catalog.SqlResource;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.catalog.KeySteps;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a {@link SchemaModel} from a live connection, in whatever snapshot the connection is in. Definitions
 * come from PostgreSQL's own {@code pg_get_*def} functions; dependencies from {@code pg_depend}.
 */
public final class SchemaReader {
    private static final SqlResource SQL = SqlResource.of(SchemaReader.class);
    private static final List<String> OBJECT_QUERIES = List.of("schemas", "extensions", "enums", "domains", "composites",
            "ranges", "sequences", "functions", "aggregates", "tables", "columns", "constraints", "indexes", "views", "triggers",
            "policies", "rules", "statistics");
    private static final Set<String> PRIVILEGE_ATTRIBUTES = Set.of("owner", "acl", "column_acl");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaReader() {
    }

    /** Reads the model; owners and grants only when {@code withPrivileges}. */
    public static SchemaModel read(Connection connection, boolean withPrivileges) {
        try (Statement s = connection.createStatement()) {
            String searchPath = single(s, "show search_path");
            // With an empty search path every name PostgreSQL prints in a definition is schema-qualified, so the
            // definitions mean the same thing in any database, whatever its search path.
            s.execute("select set_config('search_path', '', false)");
            try {
                return read(s, withPrivileges);
            } finally {
                try (var restore = connection.prepareStatement("select set_config('search_path', ?, false)")) {
                    restore.setString(1, searchPath);
                    restore.execute();
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("reading the schema", e);
        }
    }

    private static SchemaModel read(Statement s, boolean withPrivileges) throws SQLException {
        {
            Map<String, ObjectId> byAddress = new HashMap<>();
            Map<ObjectId, Map<String, String>> attributes = new LinkedHashMap<>();
            for (String query : OBJECT_QUERIES) {
                String sql = query.equals("constraints") ? KeySteps.withDefinition(KeySteps.withAttachClause(SQL.get(query))) : SQL.get(query);
                readObjects(s, sql, false, withPrivileges, byAddress, attributes);
            }
            for (String query : SupportObjects.QUERIES) {
                readObjects(s, SupportObjects.SQL.get(query), false, withPrivileges, byAddress, attributes);
            }
            int version = Integer.parseInt(single(s, "show server_version_num"));
            for (String sql : DatabaseObjectCatalog.queries(version, withPrivileges)) {
                readObjects(s, sql, false, withPrivileges, byAddress, attributes);
            }
            boolean subscriptions = SubscriptionCatalog.readable(s);
            if (subscriptions) {
                readObjects(s, SubscriptionCatalog.SQL.get("subscriptions"), false, withPrivileges, byAddress, attributes);
            }
            List<String> refused = SubscriptionCatalog.refused(s, subscriptions, attributes);
            if (withPrivileges) {
                readObjects(s, SystemPrivileges.SQL.get("privileges"), false, true, byAddress, attributes);
            }
            for (String query : BaseTypes.QUERIES) {
                readObjects(s, BaseTypes.SQL.get(query), false, withPrivileges, byAddress, attributes);
            }
            // last: they add to objects read above
            for (String query : LocalAttributes.QUERIES) {
                readObjects(s, LocalAttributes.SQL.get(query), true, withPrivileges, byAddress, attributes);
            }
            for (String query : ViewColumns.QUERIES) {
                readObjects(s, ViewColumns.SQL.get(query), true, withPrivileges, byAddress, attributes);
            }
            for (String query : ColumnOrder.QUERIES) {
                readObjects(s, ColumnOrder.SQL.get(query), true, withPrivileges, byAddress, attributes);
            }
            List<String> unmodelled = new ArrayList<>(unmodelled(s, refused));
            unmodelled.addAll(SecurityLabels.attach(s, byAddress, attributes));
            Map<ObjectId, Set<ObjectId>> dependencies = dependencies(s, byAddress);
            List<SchemaObject> objects = new ArrayList<>();
            attributes.forEach((id, attrs) -> objects.add(
                    new SchemaObject(id, attrs, List.copyOf(dependencies.getOrDefault(id, Set.of())))));
            return new SchemaModel(SchemaModel.FORMAT_VERSION, single(s, "show server_version"),
                    single(s, "select current_database()"), withPrivileges, objects, unmodelled);
        }
    }

    /**
     * Reads objects; with {@code addsToRead}, each row adds attributes and addresses to an object already read (and is
     * skipped when there is none: the object is not modelled).
     */
    private static void readObjects(Statement s, String sql, boolean addsToRead, boolean withPrivileges,
                                    Map<String, ObjectId> byAddress, Map<ObjectId, Map<String, String>> attributes) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ObjectId id = new ObjectId(ObjectKind.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4));
                if (addsToRead && !attributes.containsKey(id)) {
                    continue;
                }
                for (String address : strings(rs.getArray(5))) {
                    byAddress.putIfAbsent(address, id);
                }
                Map<String, String> attrs = parse(rs.getString(6));
                if (!withPrivileges) {
                    attrs.keySet().removeAll(PRIVILEGE_ATTRIBUTES);
                }
                attributes.merge(id, attrs, (read, more) -> {
                    read.putAll(more);
                    return read;
                });
            }
        }
    }

    /** Object-level dependencies between modelled objects; an object's dependencies on itself are dropped. */
    private static Map<ObjectId, Set<ObjectId>> dependencies(Statement s, Map<String, ObjectId> byAddress) throws SQLException {
        Map<ObjectId, Set<ObjectId>> result = new HashMap<>();
        try (ResultSet rs = s.executeQuery(SQL.get("dependencies"))) {
            while (rs.next()) {
                ObjectId from = resolve(byAddress, rs.getString(1));
                ObjectId to = resolve(byAddress, rs.getString(2));
                if (from != null && to != null && !from.equals(to)) {
                    result.computeIfAbsent(from, k -> new LinkedHashSet<>()).add(to);
                }
            }
        }
        return result;
    }

    /** A column-level address falls back to its table when the column itself is not modelled (a view's column). */
    private static ObjectId resolve(Map<String, ObjectId> byAddress, String address) {
        ObjectId id = byAddress.get(address);
        if (id == null && !address.endsWith(":0")) {
            id = byAddress.get(address.substring(0, address.lastIndexOf(':')) + ":0");
        }
        return id;
    }

    /**
     * What exists but is not modelled, each as "kind name" ("aggregate public.mysum(integer)"), {@code refused}
     * subscriptions among them.
     */
    private static List<String> unmodelled(Statement s, List<String> refused) throws SQLException {
        List<String> warnings = new ArrayList<>(refused);
        try (ResultSet rs = s.executeQuery(SQL.get("unmodelled"))) {
            while (rs.next()) {
                warnings.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return warnings;
    }

    private static Map<String, String> parse(String json) {
        try {
            return new HashMap<>(JSON.readValue(json, new TypeReference<Map<String, String>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable catalog attributes: " + json, e);
        }
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of()
                : Arrays.stream((String[]) array.getArray()).filter(Objects::nonNull).toList();
    }
}
