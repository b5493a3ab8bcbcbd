package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The statements of foreign-data wrappers, foreign servers, user mappings, foreign tables, publications, event triggers
 * and default privileges. Most carry their whole CREATE as a {@code definition} computed in SQL.
 */
final class DatabaseObjectDdl {
    private DatabaseObjectDdl() {
    }

    static String create(SchemaObject o) {
        ObjectId id = o.id();
        return switch (id.kind()) {
            case USER_MAPPING -> "CREATE USER MAPPING " + id.sqlName()
                    + (o.attribute("options") == null ? "" : " OPTIONS (" + o.attribute("options") + ")");
            case DEFAULT_PRIVILEGES -> defaultPrivileges(o).get(0);
            default -> o.attribute("definition");
        };
    }

    /**
     * What follows the creation: the rest of an entry of default privileges (one statement per grantee and privilege);
     * a foreign table's column comments and column grants.
     */
    static List<String> extras(SchemaObject o) {
        ObjectId id = o.id();
        List<String> sql = new ArrayList<>();
        if (id.kind() == ObjectKind.DEFAULT_PRIVILEGES) {
            List<String> all = defaultPrivileges(o);
            sql.addAll(all.subList(1, all.size()));
        }
        if (id.kind() == ObjectKind.PRIVILEGES) {
            List<String> all = SystemPrivileges.statements(o);
            sql.addAll(all.subList(1, all.size()));
        }
        if (id.kind() == ObjectKind.FOREIGN_TABLE) {
            for (Map.Entry<String, String> comment : Ddl.jsonObject(o.attribute("column_comments")).entrySet()) {
                sql.add("COMMENT ON COLUMN " + id.sqlName() + "." + Identifiers.quote(comment.getKey()) + " IS "
                        + Identifiers.literal(comment.getValue()));
            }
            for (List<String> entry : Ddl.jsonRows(o.attribute("column_acl"))) {
                sql.add("GRANT " + entry.get(2) + " (" + Identifiers.quote(entry.get(0)) + ") ON TABLE " + id.sqlName() + " TO "
                        + entry.get(1) + ("true".equals(entry.get(3)) ? " WITH GRANT OPTION" : ""));
            }
        }
        return sql;
    }

    /** The drop of a user mapping; other kinds drop by kind and name. */
    static String drop(ObjectId id) {
        if (id.kind() == ObjectKind.DEFAULT_PRIVILEGES || id.kind() == ObjectKind.PRIVILEGES) {
            throw new IllegalArgumentException(id.kind().label() + " are undone, not dropped: see undoDefaultPrivileges, SystemPrivileges.undo");
        }
        return "DROP " + Ddl.sqlKind(id.kind()) + " " + id.sqlName();
    }

    /** An entry of default privileges: what it takes from PostgreSQL's defaults, then what it adds. */
    static List<String> defaultPrivileges(SchemaObject o) {
        String prefix = prefix(o);
        List<String> sql = new ArrayList<>();
        for (List<String> revoke : Ddl.jsonRows(o.attribute("revoke"))) {
            sql.add(prefix + " REVOKE " + revoke.get(1) + " ON " + o.attribute("on") + " FROM " + revoke.get(0));
        }
        for (List<String> grant : Ddl.jsonRows(o.attribute("grant"))) {
            sql.add(prefix + " GRANT " + grant.get(1) + " ON " + o.attribute("on") + " TO " + grant.get(0)
                    + ("true".equals(grant.get(2)) ? " WITH GRANT OPTION" : ""));
        }
        return sql;
    }

    /** The statements that take an entry of default privileges back to PostgreSQL's defaults. */
    static List<String> undoDefaultPrivileges(SchemaObject o) {
        String prefix = prefix(o);
        List<String> sql = new ArrayList<>();
        for (List<String> grant : Ddl.jsonRows(o.attribute("grant"))) {
            sql.add(prefix + " REVOKE " + grant.get(1) + " ON " + o.attribute("on") + " FROM " + grant.get(0));
        }
        for (List<String> revoke : Ddl.jsonRows(o.attribute("revoke"))) {
            sql.add(prefix + " GRANT " + revoke.get(1) + " ON " + o.attribute("on") + " TO " + revoke.get(0));
        }
        return sql;
    }

    private static String prefix(SchemaObject o) {
        // role and schema are read quoted (quote_ident), as grantees are in every access list of the model
        return "ALTER DEFAULT PRIVILEGES FOR ROLE " + o.attribute("role")
                + (o.attribute("schema") == null ? "" : " IN SCHEMA " + o.attribute("schema"));
    }

    /** The statement that sets an event trigger's state, when it is not the default. */
    static List<String> switches(SchemaObject o) {
        if (o.id().kind() != ObjectKind.EVENT_TRIGGER || o.attribute("enabled") == null) {
            return List.of();
        }
        String how = switch (o.attribute("enabled")) {
            case "disabled" -> "DISABLE";
            case "replica" -> "ENABLE REPLICA";
            default -> "ENABLE ALWAYS";
        };
        return List.of("ALTER EVENT TRIGGER " + o.id().sqlName() + " " + how);
    }

    /**
     * The notes for what a schema script or archive leaves out of user mappings: option values that hold a password
     * (named, never shown). A clone carries them database to database.
     */
    static List<String> withheldPasswords(SchemaModel model) {
        return model.ofKind(ObjectKind.USER_MAPPING).stream().filter(m -> m.attribute("withheld") != null)
                .map(m -> m.id() + ": the value of option " + m.attribute("withheld")
                        + " (pgcarry never writes a password; set it on the target with ALTER USER MAPPING)")
                .toList();
    }
}
