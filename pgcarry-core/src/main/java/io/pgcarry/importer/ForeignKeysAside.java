package io.pgcarry.importer;

import io.pgcarry.catalog.Catalog;
import io.pgcarry.catalog.Constraint;
import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.QualifiedName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The foreign keys of the tables an import fills from empty, dropped for the load and added back after it, all in the
 * import's one transaction: adding a key back checks every row in one join, where a key left in place checks each row
 * as it arrives (about four times the load's own work on a child table). Nothing is lost whatever happens: the drop
 * and the add commit together or not at all. A key added back keeps its name, definition (NOT VALID and DEFERRABLE
 * included) and comment; one that fails to come back fails the load with the server's foreign-key error, which the
 * import answers by naming every record at fault. Left in place: keys of tables that hold rows already (adding one
 * back would check all of those again), keys of or to partitioned tables and extension configuration tables, and
 * every key when the role may not drop and add them (it does not own the table, or lacks REFERENCES).
 */
final class ForeignKeysAside {
    private static final String CANDIDATE = """
            SELECT pg_catalog.pg_has_role(t.relowner, 'USAGE')
                   AND pg_catalog.has_table_privilege(k.confrelid, 'REFERENCES')
                   AND NOT EXISTS (SELECT FROM ONLY %s),
                   pg_catalog.obj_description(k.oid, 'pg_constraint')
              FROM pg_catalog.pg_constraint k
              JOIN pg_catalog.pg_class t ON t.oid = k.conrelid
             WHERE k.conrelid = ?::pg_catalog.regclass AND k.conname = ? AND k.contype = 'f'
            """;

    /** A key set aside, with what brings it back. */
    private record Aside(Constraint key, String comment) {
    }

    private final List<Aside> aside;

    private ForeignKeysAside(List<Aside> aside) {
        this.aside = aside;
    }

    /** Drops the foreign keys of {@code loaded} that may be set aside; none when the role may not. */
    static ForeignKeysAside drop(Connection c, Catalog catalog, Collection<QualifiedName> loaded) throws SQLException {
        List<Aside> chosen = new ArrayList<>();
        for (Constraint fk : catalog.foreignKeys()) {
            if (loaded.contains(fk.table()) && plain(catalog, fk.table()) && (fk.references() == null || plain(catalog, fk.references()))) {
                candidate(c, fk, chosen);
            }
        }
        if (chosen.isEmpty()) {
            return new ForeignKeysAside(List.of());
        }
        Savepoint before = c.setSavepoint();
        try (Statement s = c.createStatement()) {
            for (Aside a : chosen) {
                s.execute("ALTER TABLE " + a.key().table().sql() + " DROP CONSTRAINT " + Identifiers.quote(a.key().name()));
            }
            c.releaseSavepoint(before);
            return new ForeignKeysAside(chosen);
        } catch (SQLException e) {
            if (!"42501".equals(e.getSQLState()) && !"55006".equals(e.getSQLState())) {
                throw e;
            }
            // not allowed after all (a dependent object of another owner, say): every key stays, checked row by row
            c.rollback(before);
            return new ForeignKeysAside(List.of());
        }
    }

    /** Adds every key back, checking the rows now there; then their comments. */
    void restore(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (Aside a : aside) {
                String table = a.key().table().sql();
                String name = Identifiers.quote(a.key().name());
                s.execute("ALTER TABLE " + table + " ADD CONSTRAINT " + name + " " + a.key().definition());
                if (a.comment() != null) {
                    s.execute("COMMENT ON CONSTRAINT " + name + " ON " + table + " IS " + Identifiers.literal(a.comment()));
                }
            }
        }
    }

    int count() {
        return aside.size();
    }

    private static void candidate(Connection c, Constraint fk, List<Aside> chosen) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CANDIDATE.formatted(fk.table().sql()))) {
            ps.setString(1, fk.table().sql());
            ps.setString(2, fk.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getBoolean(1)) {
                    chosen.add(new Aside(fk, rs.getString(2)));
                }
            }
        }
    }

    private static boolean plain(Catalog catalog, QualifiedName table) {
        return catalog.table(table).map(t -> !t.partitioned() && !t.extensionConfig()).orElse(false);
    }
}
