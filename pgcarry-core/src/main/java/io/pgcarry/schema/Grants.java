package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import java.util.ArrayList;
import java.util.List;

/**
 * The GRANT statements that reproduce an object's access list. The list replaces the defaults, so it
 * starts by revoking everything from PUBLIC and the owner, as pg_dump does.
 */
final class Grants {
    private Grants() {
    }

    static List<String> statements(SchemaObject object) {
        String acl = object.attribute("acl");
        if (acl == null) {
            return List.of();
        }
        ObjectId id = object.id();
        List<String> sql = new ArrayList<>();
        if (id.kind() == ObjectKind.COLUMN) {
            for (List<String> entry : Ddl.jsonRows(acl)) {
                sql.add(grant(entry, "(" + Identifiers.quote(id.name()) + ") ON TABLE " + id.sqlTable()));
            }
            return sql;
        }
        String target = target(id);
        sql.add("REVOKE ALL ON " + target + " FROM PUBLIC");
        if (object.attribute("owner") != null) {
            sql.add("REVOKE ALL ON " + target + " FROM " + Identifiers.quote(object.attribute("owner")));
        }
        for (List<String> entry : Ddl.jsonRows(acl)) {
            sql.add(grant(entry, "ON " + target));
        }
        return sql;
    }

    private static String grant(List<String> entry, String on) {
        String privilege = entry.get(1);
        String grantee = entry.get(0);
        boolean grantable = "true".equals(entry.get(2));
        return "GRANT " + privilege + " " + on + " TO " + grantee + (grantable ? " WITH GRANT OPTION" : "");
    }

    private static String target(ObjectId id) {
        return switch (id.kind()) {
            case TABLE, VIEW, MATERIALIZED_VIEW, FOREIGN_TABLE -> "TABLE " + id.sqlName();
            case FOREIGN_SERVER -> "FOREIGN SERVER " + id.sqlName();
            case ENUM, COMPOSITE, RANGE, BASE_TYPE -> "TYPE " + id.sqlName();
            // GRANT has no ON AGGREGATE: an aggregate's privileges are granted as a function's
            case AGGREGATE -> "FUNCTION " + Identifiers.quote(id.schema()) + "." + Ddl.quoteSignature(id.name());
            default -> ObjectExtras.ownerKind(id);
        };
    }
}
