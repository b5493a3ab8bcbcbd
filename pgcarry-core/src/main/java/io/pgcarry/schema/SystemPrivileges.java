package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.SqlResource;
import java.util.ArrayList;
import java.util.List;

/**
 * Privileges changed on objects pgcarry does not create itself, because every database has them or something else
 * creates them: those in {@code pg_catalog}, the members of extensions and identity sequences (their column makes them).
 * Each such object whose access list differs from its initial one is an object of kind
 * {@link ObjectKind#PRIVILEGES}, carried as the revokes and grants that take the initial list to the source's (a target
 * of the same major version starts from the same list), as pg_dump does. Read only with privileges.
 */
final class SystemPrivileges {
    static final SqlResource SQL = SqlResource.of(SystemPrivileges.class);

    private SystemPrivileges() {
    }

    /** The statements that take the object's initial privileges to the source's: revokes, then grants. */
    static List<String> statements(SchemaObject o) {
        List<String> sql = new ArrayList<>();
        String on = on(o);
        for (List<String> revoke : Ddl.jsonRows(o.attribute("revoke"))) {
            boolean optionOnly = "true".equals(revoke.get(2));
            sql.add("REVOKE " + (optionOnly ? "GRANT OPTION FOR " : "") + privilege(o, revoke.get(1)) + on + " FROM " + revoke.get(0));
        }
        for (List<String> grant : Ddl.jsonRows(o.attribute("grant"))) {
            sql.add("GRANT " + privilege(o, grant.get(1)) + on + " TO " + grant.get(0) + ("true".equals(grant.get(2)) ? " WITH GRANT OPTION" : ""));
        }
        return sql;
    }

    /** The statements that take the source's privileges back to the initial ones (the object is not dropped). */
    static List<String> undo(SchemaObject o) {
        List<String> sql = new ArrayList<>();
        String on = on(o);
        for (List<String> grant : Ddl.jsonRows(o.attribute("grant"))) {
            sql.add("REVOKE " + privilege(o, grant.get(1)) + on + " FROM " + grant.get(0));
        }
        for (List<String> revoke : Ddl.jsonRows(o.attribute("revoke"))) {
            sql.add("GRANT " + privilege(o, revoke.get(1)) + on + " TO " + revoke.get(0)
                    + ("true".equals(revoke.get(2)) ? " WITH GRANT OPTION" : ""));
        }
        return sql;
    }

    private static String privilege(SchemaObject o, String privilege) {
        String column = o.attribute("column");
        return column == null ? privilege : privilege + " (" + Identifiers.quote(column) + ")";
    }

    private static String on(SchemaObject o) {
        // computed in SQL: the kind's keyword and the object's name, quoted where needed
        return " ON " + o.attribute("target");
    }
}
