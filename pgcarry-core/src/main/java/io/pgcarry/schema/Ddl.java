package io.pgcarry.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgcarry.catalog.Identifiers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The SQL that creates or drops one modelled object, built from its attributes. */
final class Ddl {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOT_VALID = " NOT VALID";

    private Ddl() {
    }

    /** The statement that creates the object; columns and inline checks come with their table. */
    static String create(SchemaObject o, SchemaModel model) {
        ObjectId id = o.id();
        return switch (id.kind()) {
            case SCHEMA -> id.name().equals("public") ? "CREATE SCHEMA IF NOT EXISTS public" : "CREATE SCHEMA " + id.sqlName();
            case EXTENSION -> "CREATE EXTENSION IF NOT EXISTS " + id.sqlName() + " WITH SCHEMA " + o.attribute("schema");
            case ENUM -> "CREATE TYPE " + id.sqlName() + " AS ENUM (" + String.join(", ",
                    jsonStrings(o.attribute("labels")).stream().map(Identifiers::literal).toList()) + ")";
            case DOMAIN -> domain(o);
            case COMPOSITE -> composite(o);
            case SEQUENCE -> sequence(o);
            case FUNCTION, PROCEDURE -> o.attribute("definition").strip();
            case RANGE -> range(o);
            case AGGREGATE, STATISTICS, BASE_TYPE -> o.attribute("definition");
            case LANGUAGE, COLLATION, OPERATOR, ACCESS_METHOD, OPERATOR_FAMILY, OPERATOR_CLASS, CAST, CONVERSION, TRANSFORM,
                    TEXT_SEARCH_PARSER, TEXT_SEARCH_TEMPLATE, TEXT_SEARCH_DICTIONARY, TEXT_SEARCH_CONFIGURATION -> o.attribute("definition");
            case SHELL_TYPE -> BaseTypes.createShell(id);
            case RULE -> viewBody(o);
            case TABLE -> table(o, model, DeferredColumns.NONE);
            case COLUMN -> "ALTER TABLE " + id.sqlTable() + " ADD COLUMN " + column(o);
            case VIEW -> "CREATE VIEW " + id.sqlName() + options(o) + " AS\n" + viewBody(o);
            case MATERIALIZED_VIEW -> "CREATE MATERIALIZED VIEW " + id.sqlName() + LocalAttributes.using(o) + options(o) + " AS\n" + viewBody(o) + "\n  WITH NO DATA";
            case CONSTRAINT -> "ALTER TABLE " + id.sqlTable() + " ADD CONSTRAINT " + Identifiers.quote(id.name()) + " "
                    + o.attribute("definition");
            case INDEX -> PartitionIndexes.create(o);
            case TRIGGER -> o.attribute("definition");
            case POLICY -> policy(o);
            case FOREIGN_DATA_WRAPPER, FOREIGN_SERVER, USER_MAPPING, FOREIGN_TABLE, PUBLICATION, EVENT_TRIGGER, DEFAULT_PRIVILEGES ->
                    DatabaseObjectDdl.create(o);
            case PRIVILEGES -> SystemPrivileges.statements(o).get(0);
            case SUBSCRIPTION -> SubscriptionDdl.create(o);
        };
    }

    /** The statement that drops the object. */
    static String drop(ObjectId id) {
        return switch (id.kind()) {
            case COLUMN -> "ALTER TABLE " + id.sqlTable() + " DROP COLUMN " + Identifiers.quote(id.name());
            case CONSTRAINT -> "ALTER TABLE " + id.sqlTable() + " DROP CONSTRAINT " + Identifiers.quote(id.name());
            case TRIGGER, POLICY, RULE -> "DROP " + id.kind().name() + " " + Identifiers.quote(id.name()) + " ON " + id.sqlTable();
            case FUNCTION, PROCEDURE, AGGREGATE -> "DROP " + id.kind().name() + " " + signature(id);
            case ENUM, COMPOSITE -> "DROP TYPE " + id.sqlName();
            case DEFAULT_PRIVILEGES, PRIVILEGES -> DatabaseObjectDdl.drop(id);
            default -> "DROP " + sqlKind(id.kind()) + " " + id.sqlName();
        };
    }

    /** The keyword(s) naming the kind in COMMENT, ALTER ... OWNER, GRANT and DROP. */
    static String sqlKind(ObjectKind kind) {
        return switch (kind) {
            case ENUM, COMPOSITE, RANGE, BASE_TYPE, SHELL_TYPE -> "TYPE";
            case FOREIGN_SERVER -> "SERVER";
            default -> kind.name().replace('_', ' ');
        };
    }

    /** How COMMENT ON names the object. */
    static String commentTarget(ObjectId id) {
        return switch (id.kind()) {
            case COLUMN -> "COLUMN " + id.sqlTable() + "." + Identifiers.quote(id.name());
            case CONSTRAINT, TRIGGER, POLICY, RULE -> id.kind().name() + " " + Identifiers.quote(id.name()) + " ON " + id.sqlTable();
            case FUNCTION, PROCEDURE, AGGREGATE -> id.kind().name() + " " + signature(id);
            default -> sqlKind(id.kind()) + " " + id.sqlName();
        };
    }

    /** A column as written in CREATE TABLE or ADD COLUMN. */
    static String column(SchemaObject c) {
        return column(c, false);
    }

    /**
     * A column as written in CREATE TABLE; {@code apart}: of a child created without INHERITS, which states the
     * generation expression it shares with its parent (ALTER TABLE ... INHERIT wants it generated already).
     */
    static String column(SchemaObject c, boolean apart) {
        StringBuilder sql = new StringBuilder(Identifiers.quote(c.id().name())).append(' ').append(c.attribute("type"));
        if (c.attribute("collation") != null) {
            sql.append(" COLLATE ").append(c.attribute("collation"));
        }
        if (c.attribute("generated") != null && (apart || !c.flag("inherits_generation"))) {
            sql.append(" GENERATED ALWAYS AS (").append(c.attribute("generated")).append(") STORED");
        }
        if (c.attribute("default") != null) {
            sql.append(" DEFAULT ").append(c.attribute("default"));
        }
        if (c.flag("not_null")) {
            sql.append(" NOT NULL");
        }
        if (c.attribute("identity") != null) {
            sql.append(" GENERATED ").append(c.attribute("identity").toUpperCase()).append(" AS IDENTITY");
            if (c.attribute("identity_sequence") != null) {
                sql.append(" (").append(c.attribute("identity_sequence")).append(')');
            }
        }
        return sql.toString();
    }

    /** Whether a constraint is written inside its table's CREATE TABLE: valid checks of ordinary tables. */
    static boolean inline(SchemaObject constraint, SchemaModel model) {
        if (!"check".equals(constraint.attribute("type")) || constraint.flag("not_valid")) {
            return false;
        }
        ObjectId table = constraint.id().table();
        // A check that calls a function of the table's own row type would need the function before the table, which
        // needs the table first: as pg_dump does, such a check is added on its own, once both exist.
        boolean cycle = constraint.dependsOn().stream().filter(d -> !d.equals(table) && !d.kind().belongsToTable())
                .anyMatch(d -> needs(model, d, table, new HashSet<>()));
        return !cycle && model.find(table).map(t -> t.attribute("partition_of") == null).orElse(false);
    }

    /** Whether {@code id} depends on {@code target}, directly or through other objects of the model. */
    private static boolean needs(SchemaModel model, ObjectId id, ObjectId target, Set<ObjectId> seen) {
        if (!seen.add(id)) {
            return false;
        }
        return model.find(id).map(o -> o.dependsOn().stream()
                .anyMatch(d -> d.equals(target) || needs(model, d, target, seen))).orElse(false);
    }

    /** A table's CREATE TABLE without the columns {@code deferred} adds later, nor its checks when columns come later. */
    static String table(SchemaObject t, SchemaModel model, DeferredColumns deferred) {
        ObjectId id = t.id();
        String unlogged = "unlogged".equals(t.attribute("persistence")) ? "UNLOGGED " : "";
        if (ColumnOrder.attachedLater(t)) {
            return ColumnOrder.createPartition(t, unlogged) + LocalAttributes.using(t) + withOptions(t);
        }
        if (t.attribute("partition_of") != null) {
            return "CREATE " + unlogged + "TABLE " + id.sqlName() + " PARTITION OF " + t.attribute("partition_of")
                    + LocalAttributes.partitionColumns(t) + "\n    " + t.attribute("partition_bound")
                    + (t.attribute("partition_key") == null ? "" : "\n    PARTITION BY " + t.attribute("partition_key"))
                    + LocalAttributes.using(t) + withOptions(t);
        }
        List<String> lines = tableElements(t, model, deferred);
        StringBuilder sql = new StringBuilder("CREATE ").append(unlogged).append("TABLE ").append(id.sqlName());
        if (t.attribute("of_type") != null) {
            sql.append(" OF ").append(t.attribute("of_type"));
            sql.append(lines.isEmpty() ? "" : " (\n    " + String.join(",\n    ", lines) + "\n)");
        } else {
            sql.append(" (").append(lines.isEmpty() ? "" : "\n    " + String.join(",\n    ", lines) + "\n").append(')');
        }
        if (t.attribute("inherits") != null && !ColumnOrder.inheritsLater(t)) {
            sql.append("\nINHERITS (").append(t.attribute("inherits")).append(')');
        }
        if (t.attribute("partition_key") != null) {
            sql.append("\nPARTITION BY ").append(t.attribute("partition_key"));
        }
        return sql + LocalAttributes.using(t) + withOptions(t);
    }

    /** The columns and inline checks a table's CREATE lists (a typed table: only what it adds to its type). */
    private static List<String> tableElements(SchemaObject t, SchemaModel model, DeferredColumns deferred) {
        ObjectId id = t.id();
        List<String> lines = new ArrayList<>();
        for (SchemaObject column : model.childrenOf(id, ObjectKind.COLUMN)) {
            if (deferred.added(column.id())) {
                continue;
            }
            if (t.attribute("of_type") == null) {
                lines.add(column(column, ColumnOrder.inheritsLater(t)));
            } else if (column.attribute("default") != null || column.flag("not_null")) {
                // a typed table's columns come from its type: only what the table adds is said
                lines.add(Identifiers.quote(column.id().name()) + " WITH OPTIONS"
                        + (column.attribute("default") == null ? "" : " DEFAULT " + column.attribute("default"))
                        + (column.flag("not_null") ? " NOT NULL" : ""));
            }
        }
        for (SchemaObject check : model.childrenOf(id, ObjectKind.CONSTRAINT)) {
            if (inline(check, model) && !deferred.checksLater(id)) {
                lines.add("CONSTRAINT " + Identifiers.quote(check.id().name()) + " " + check.attribute("definition"));
            }
        }
        return lines;
    }

    /** A table's storage parameters, its TOAST table's among them ({@code toast.name=value}). */
    private static String withOptions(SchemaObject o) {
        List<String> options = new ArrayList<>();
        if (o.attribute("options") != null) {
            options.add(o.attribute("options"));
        }
        if (o.attribute("toast_options") != null) {
            for (String option : o.attribute("toast_options").split(", ")) {
                options.add("toast." + option);
            }
        }
        return options.isEmpty() ? "" : "\nWITH (" + String.join(", ", options) + ")";
    }

    private static String options(SchemaObject o) {
        return o.attribute("options") == null ? "" : " WITH (" + o.attribute("options") + ")";
    }

    private static String viewBody(SchemaObject o) {
        String body = o.attribute("definition").strip();
        return body.endsWith(";") ? body.substring(0, body.length() - 1) : body;
    }

    private static String domain(SchemaObject d) {
        StringBuilder sql = new StringBuilder("CREATE DOMAIN ").append(d.id().sqlName()).append(" AS ").append(d.attribute("type"));
        if (d.attribute("collation") != null) {
            sql.append(" COLLATE ").append(d.attribute("collation"));
        }
        if (d.attribute("default") != null) {
            sql.append(" DEFAULT ").append(d.attribute("default"));
        }
        if (d.flag("not_null")) {
            sql.append(" NOT NULL");
        }
        jsonObject(d.attribute("checks")).forEach((name, definition) -> {
            if (!definition.endsWith(NOT_VALID)) {
                sql.append("\n    CONSTRAINT ").append(Identifiers.quote(name)).append(' ').append(definition);
            }
        });
        return sql.toString();
    }

    /**
     * The domain's checks that are NOT VALID in the source, each added as NOT VALID after the data (CREATE DOMAIN cannot
     * say NOT VALID), as pg_dump does: existing values that break them stay, and nothing validates them.
     */
    static List<List<String>> notValidDomainChecks(SchemaObject d) {
        List<List<String>> sql = new ArrayList<>();
        jsonObject(d.attribute("checks")).forEach((name, definition) -> {
            if (definition.endsWith(NOT_VALID)) {
                List<String> check = new ArrayList<>();
                check.add("ALTER DOMAIN " + d.id().sqlName() + " ADD CONSTRAINT " + Identifiers.quote(name) + " " + definition);
                check.addAll(domainCheckComment(d, name));
                sql.add(check);
            }
        });
        return sql;
    }

    /** The comments on the domain's checks that CREATE DOMAIN makes (those that are valid). */
    static List<String> validDomainCheckComments(SchemaObject d) {
        List<String> sql = new ArrayList<>();
        jsonObject(d.attribute("checks")).forEach((name, definition) -> {
            if (!definition.endsWith(NOT_VALID)) {
                sql.addAll(domainCheckComment(d, name));
            }
        });
        return sql;
    }

    private static List<String> domainCheckComment(SchemaObject d, String check) {
        String comment = jsonObject(d.attribute("check_comments")).get(check);
        return comment == null ? List.of() : List.of("COMMENT ON CONSTRAINT " + Identifiers.quote(check) + " ON DOMAIN "
                + d.id().sqlName() + " IS " + Identifiers.literal(comment));
    }

    private static String composite(SchemaObject c) {
        List<String> attributes = new ArrayList<>();
        for (List<String> attribute : jsonRows(c.attribute("attributes"))) {
            attributes.add(Identifiers.quote(attribute.get(0)) + " " + attribute.get(1)
                    + (attribute.size() > 2 && attribute.get(2) != null ? " COLLATE " + attribute.get(2) : ""));
        }
        return "CREATE TYPE " + c.id().sqlName() + " AS (" + String.join(", ", attributes) + ")";
    }

    private static String range(SchemaObject r) {
        StringBuilder sql = new StringBuilder("CREATE TYPE ").append(r.id().sqlName()).append(" AS RANGE (SUBTYPE = ")
                .append(r.attribute("subtype"));
        if (r.attribute("subtype_opclass") != null) {
            sql.append(", SUBTYPE_OPCLASS = ").append(r.attribute("subtype_opclass"));
        }
        if (r.attribute("collation") != null) {
            sql.append(", COLLATION = ").append(r.attribute("collation"));
        }
        if (r.attribute("canonical") != null) {
            sql.append(", CANONICAL = ").append(r.attribute("canonical"));
        }
        if (r.attribute("subtype_diff") != null) {
            sql.append(", SUBTYPE_DIFF = ").append(r.attribute("subtype_diff"));
        }
        if (r.attribute("multirange") != null) {
            sql.append(", MULTIRANGE_TYPE_NAME = ").append(r.attribute("multirange"));
        }
        return sql.append(')').toString();
    }

    private static String sequence(SchemaObject s) {
        return "CREATE " + ("unlogged".equals(s.attribute("persistence")) ? "UNLOGGED " : "") + "SEQUENCE " + s.id().sqlName()
                + "\n    AS " + s.attribute("type") + " START WITH " + s.attribute("start") + " INCREMENT BY " + s.attribute("increment")
                + " MINVALUE " + s.attribute("min") + " MAXVALUE " + s.attribute("max") + " CACHE " + s.attribute("cache")
                + (s.flag("cycle") ? " CYCLE" : " NO CYCLE");
    }

    private static String policy(SchemaObject p) {
        StringBuilder sql = new StringBuilder("CREATE POLICY ").append(Identifiers.quote(p.id().name())).append(" ON ")
                .append(p.id().sqlTable()).append(" AS ").append(p.attribute("permissive")).append(" FOR ").append(p.attribute("command"))
                .append(" TO ").append(p.attribute("roles") == null ? "PUBLIC" : p.attribute("roles"));
        if (p.attribute("using") != null) {
            sql.append(" USING (").append(p.attribute("using")).append(')');
        }
        if (p.attribute("with_check") != null) {
            sql.append(" WITH CHECK (").append(p.attribute("with_check")).append(')');
        }
        return sql.toString();
    }

    /**
     * The quoted name and arguments of a function, procedure or aggregate, as DROP, COMMENT ON and ALTER name it: an
     * aggregate without arguments is {@code name(*)}; a procedure's arguments each say their mode (see
     * {@link ProcedureArguments#withModes}).
     */
    static String signature(ObjectId id) {
        boolean starred = id.kind() == ObjectKind.AGGREGATE && id.name().endsWith("()");
        String name = starred ? id.name().substring(0, id.name().length() - 2) + "(*)" : id.name();
        return Identifiers.quote(id.schema()) + "." + quoteSignature(id.kind() == ObjectKind.PROCEDURE ? ProcedureArguments.withModes(name) : name);
    }

    static String quoteSignature(String signature) {
        int open = signature.indexOf('(');
        return Identifiers.quote(signature.substring(0, open)) + signature.substring(open);
    }

    static List<String> jsonStrings(String json) {
        try {
            return json == null ? List.of() : List.of(JSON.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable list: " + json, e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> jsonObject(String json) {
        try {
            return json == null ? Map.of() : new TreeMap<>(JSON.readValue(json, Map.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable object: " + json, e);
        }
    }

    /** A JSON array of arrays, each value as text (JSON booleans and numbers too), null kept as null. */
    static List<List<String>> jsonRows(String json) {
        try {
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode row : JSON.readTree(json == null ? "[]" : json)) {
                List<String> values = new ArrayList<>();
                row.forEach(v -> values.add(v.isNull() ? null : v.asText()));
                rows.add(values);
            }
            return rows;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable rows: " + json, e);
        }
    }
}
