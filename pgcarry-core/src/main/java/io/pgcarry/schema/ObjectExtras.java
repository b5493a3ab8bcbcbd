package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements that follow an object's creation: its comment, owner and grants, and the switches
 * CREATE cannot say (row-level security, replica identity, a disabled trigger).
 */
final class ObjectExtras {
    private ObjectExtras() {
    }

    static List<String> of(SchemaObject object) {
        ObjectId id = object.id();
        // first: a table created on its own becomes a partition or child before anything else is said of it
        List<String> sql = new ArrayList<>(ColumnOrder.attach(object));
        switches(object).forEach(sql::add);
        String comment = comment(id, object.attribute("comment"));
        if (comment != null) {
            sql.add(comment);
        }
        if (id.kind() == ObjectKind.DOMAIN) {
            sql.addAll(Ddl.validDomainCheckComments(object));
        }
        if (id.kind() == ObjectKind.COLUMN && object.attribute("identity_comment") != null) {
            sql.add(identityComment(object.attribute("identity_comment"), true));
        }
        sql.addAll(SecurityLabels.statements(id, object.attribute(SecurityLabels.ATTRIBUTE), null));
        if (object.attribute("owner") != null) {
            sql.add("ALTER " + ownerKind(id) + " OWNER TO " + Identifiers.quote(object.attribute("owner")));
        }
        sql.addAll(Grants.statements(object));
        if (id.kind() == ObjectKind.VIEW || id.kind() == ObjectKind.MATERIALIZED_VIEW) {
            sql.addAll(ViewColumns.grants(object));
        }
        sql.addAll(DatabaseObjectDdl.extras(object));
        return sql;
    }

    /** {@code COMMENT ON ... IS ...}; {@code text} null removes the comment. */
    static String comment(ObjectId id, String text) {
        if (text == null) {
            return null;
        }
        return "COMMENT ON " + Ddl.commentTarget(id) + " IS " + Identifiers.literal(text);
    }

    /** The comment on a column's identity sequence ({@code [name, comment]}), or its removal. */
    static String identityComment(String nameAndComment, boolean set) {
        List<String> pair = Ddl.jsonStrings(nameAndComment);
        return "COMMENT ON SEQUENCE " + pair.get(0) + " IS " + (set ? Identifiers.literal(pair.get(1)) : "NULL");
    }

    static String removeComment(ObjectId id) {
        return "COMMENT ON " + Ddl.commentTarget(id) + " IS NULL";
    }

    /** The ALTER statements that set a table's or a trigger's switches to the object's values. */
    static List<String> switches(SchemaObject object) {
        ObjectId id = object.id();
        List<String> sql = new ArrayList<>();
        if (id.kind() == ObjectKind.TABLE) {
            sql.addAll(rowSecurity(object));
            if (object.attribute("replica_identity") != null) {
                sql.add("ALTER TABLE " + id.sqlName() + " REPLICA IDENTITY " + object.attribute("replica_identity").toUpperCase());
            }
        }
        if (id.kind() == ObjectKind.COLUMN) {
            sql.addAll(columnSettings(object));
        }
        if ((id.kind() == ObjectKind.INDEX || id.kind() == ObjectKind.CONSTRAINT) && object.flag("clustered")) {
            // a key's index has the key's name
            sql.add("ALTER TABLE ONLY " + id.sqlTable() + " CLUSTER ON " + Identifiers.quote(id.name()));
        }
        if ((id.kind() == ObjectKind.INDEX || id.kind() == ObjectKind.CONSTRAINT) && object.flag("replica_identity")) {
            sql.add("ALTER TABLE ONLY " + id.sqlTable() + " REPLICA IDENTITY USING INDEX " + Identifiers.quote(id.name()));
        }
        sql.addAll(SupportDdl.additions(object));
        if (id.kind() == ObjectKind.STATISTICS && object.attribute("statistics") != null) {
            sql.add("ALTER STATISTICS " + id.sqlName() + " SET STATISTICS " + Integer.parseInt(object.attribute("statistics")));
        }
        if ((id.kind() == ObjectKind.TRIGGER || id.kind() == ObjectKind.RULE) && object.attribute("enabled") != null) {
            String how = switch (object.attribute("enabled")) {
                case "disabled" -> "DISABLE";
                case "replica" -> "ENABLE REPLICA";
                default -> "ENABLE ALWAYS";
            };
            sql.add("ALTER TABLE " + id.sqlTable() + " " + how + " " + id.kind().name() + " " + Identifiers.quote(id.name()));
        }
        sql.addAll(DatabaseObjectDdl.switches(object));
        sql.addAll(LocalAttributes.statements(object));
        if (id.kind() == ObjectKind.MATERIALIZED_VIEW) {
            sql.addAll(ViewColumns.settings(object));
        }
        return sql;
    }

    /** A column's storage, compression and statistics target, when they differ from the defaults CREATE TABLE gives. */
    static List<String> columnSettings(SchemaObject column) {
        List<String> sql = new ArrayList<>();
        String alter = "ALTER TABLE ONLY " + column.id().sqlTable() + " ALTER COLUMN " + Identifiers.quote(column.id().name());
        if (column.attribute("storage") != null) {
            sql.add(alter + " SET STORAGE " + storage(column.attribute("storage")));
        }
        if (column.attribute("compression") != null) {
            sql.add(alter + " SET COMPRESSION " + ("lz4".equals(column.attribute("compression")) ? "lz4" : "pglz"));
        }
        if (column.attribute("statistics") != null) {
            sql.add(alter + " SET STATISTICS " + Integer.parseInt(column.attribute("statistics")));
        }
        return sql;
    }

    /** The keyword of a column's storage, given as {@code pg_attribute.attstorage}. */
    static String storage(String attstorage) {
        return switch (attstorage) {
            case "p" -> "PLAIN";
            case "e" -> "EXTERNAL";
            case "m" -> "MAIN";
            default -> "EXTENDED";
        };
    }

    /** Row-level security switches of a table: they belong after the data, since COPY refuses a table under forced RLS. */
    static List<String> rowSecurity(SchemaObject table) {
        List<String> sql = new ArrayList<>();
        if ("enabled".equals(table.attribute("row_security"))) {
            sql.add("ALTER TABLE " + table.id().sqlName() + " ENABLE ROW LEVEL SECURITY");
        }
        if (table.flag("force_row_security")) {
            sql.add("ALTER TABLE " + table.id().sqlName() + " FORCE ROW LEVEL SECURITY");
        }
        return sql;
    }

    static String ownerKind(ObjectId id) {
        return switch (id.kind()) {
            case FUNCTION, PROCEDURE, AGGREGATE -> id.kind().name() + " " + Ddl.signature(id);
            default -> Ddl.sqlKind(id.kind()) + " " + id.sqlName();
        };
    }
}
