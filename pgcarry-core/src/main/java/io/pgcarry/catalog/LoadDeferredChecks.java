package io.pgcarry.catalog;

import io.pgcarry.error.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The target's NOT VALID check constraints that a load can set aside and put back NOT VALID, as pg_dump does by
 * creating them after the data: rows that existed before a NOT VALID check may break it, and a copy must carry
 * them, but PostgreSQL checks every inserted row against the constraint while it exists.
 * <p>
 * A check is set aside on its root, the table that declares it and inherits it from no parent: dropping it there also
 * drops the copies that inheritance children (and partitions) hold only through it, and adding it back NOT VALID gives
 * them back, NOT VALID, and merges it again with the children that declare the same check themselves (those keep theirs
 * throughout). A root qualifies when every copy it takes along is NOT VALID too, so that nothing valid comes back not
 * valid. A check inherited from a second parent, or declared by the child itself, stays where it is.
 */
public final class LoadDeferredChecks {
    private static final String DEFERRABLE = """
            WITH RECURSIVE tree AS (
                SELECT k.conrelid AS root, k.conrelid AS rel, k.conname, k.convalidated
                FROM pg_catalog.pg_constraint k
                WHERE k.contype = 'c' AND NOT k.convalidated AND k.conislocal AND k.coninhcount = 0
                UNION ALL
                SELECT t.root, ck.conrelid, ck.conname, ck.convalidated
                FROM tree t
                JOIN pg_catalog.pg_inherits i ON i.inhparent = t.rel
                JOIN pg_catalog.pg_constraint ck ON ck.conrelid = i.inhrelid AND ck.conname = t.conname AND ck.contype = 'c'
                WHERE NOT ck.conislocal AND ck.coninhcount = 1),
            roots AS (
                SELECT root, conname FROM tree GROUP BY root, conname HAVING bool_and(NOT convalidated))
            SELECT n.nspname, c.relname, t.conname, rn.nspname, r.relname, pg_catalog.pg_get_constraintdef(rk.oid),
                   EXISTS (SELECT 1 FROM pg_catalog.pg_inherits i
                           JOIN pg_catalog.pg_constraint child ON child.conrelid = i.inhrelid AND child.conname = t.conname
                           WHERE i.inhparent = t.root)
            FROM tree t
            JOIN roots USING (root, conname)
            JOIN pg_catalog.pg_class c ON c.oid = t.rel
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_catalog.pg_class r ON r.oid = t.root
            JOIN pg_catalog.pg_namespace rn ON rn.oid = r.relnamespace
            JOIN pg_catalog.pg_constraint rk ON rk.conrelid = t.root AND rk.conname = t.conname AND rk.contype = 'c'
            """;

    /**
     * A check a load may set aside.
     *
     * @param table          the table that holds it (the root or a child holding a copy)
     * @param name           its name
     * @param root           the table it is dropped from and added back to
     * @param rootDefinition {@code pg_get_constraintdef} of the root's check
     * @param inherited      whether the root's children hold a check of that name (their own or a copy): then the
     *                       source must hold the check NOT VALID too before it is set aside (see the check package)
     */
    public record Deferrable(QualifiedName table, String name, QualifiedName root, String rootDefinition, boolean inherited) {
        /** The {@link Constraint#label() label} of the check on {@link #table}. */
        public String label() {
            return Constraint.label(table, name);
        }
    }

    private LoadDeferredChecks() {
    }

    /** The NOT VALID checks of the connected database a load may set aside, by {@link Constraint#label() label}. */
    public static Map<String, Deferrable> read(Connection target) {
        Map<String, Deferrable> checks = new HashMap<>();
        try (PreparedStatement ps = target.prepareStatement(DEFERRABLE); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Deferrable d = new Deferrable(new QualifiedName(rs.getString(1), rs.getString(2)), rs.getString(3),
                        new QualifiedName(rs.getString(4), rs.getString(5)), rs.getString(6), rs.getBoolean(7));
                checks.put(d.label(), d);
            }
            return checks;
        } catch (SQLException e) {
            throw SqlErrors.translate("reading the target's NOT VALID checks", e);
        }
    }
}
