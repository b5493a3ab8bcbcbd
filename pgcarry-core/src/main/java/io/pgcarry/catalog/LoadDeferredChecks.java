package io.pgcarry.catalog;

import io.pgcarry.error.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * The target's NOT VALID check constraints that a load can set aside and put back NOT VALID, as pg_dump does by
 * creating them after the data: rows that existed before a NOT VALID check may break it, and a copy must carry
 * them, but PostgreSQL checks every row inserted while the constraint exists. Only a check that stands alone
 * qualifies: one inherited from a parent, or inherited by a child, cannot be dropped and re-added on one table.
 */
public final class LoadDeferredChecks {
    private static final String STANDALONE = """
            SELECT n.nspname, c.relname, k.conname
            FROM pg_catalog.pg_constraint k
            JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE k.contype = 'c' AND NOT k.convalidated AND k.conislocal AND k.coninhcount = 0
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits i
                              JOIN pg_catalog.pg_constraint child ON child.conrelid = i.inhrelid AND child.conname = k.conname
                              WHERE i.inhparent = k.conrelid)
            """;

    private LoadDeferredChecks() {
    }

    /** The {@link Constraint#label() labels} of the NOT VALID checks of the connected database that stand alone. */
    public static Set<String> standalone(Connection target) {
        Set<String> labels = new HashSet<>();
        try (PreparedStatement ps = target.prepareStatement(STANDALONE); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                labels.add(Constraint.label(new QualifiedName(rs.getString(1), rs.getString(2)), rs.getString(3)));
            }
            return labels;
        } catch (SQLException e) {
            throw SqlErrors.translate("reading the target's NOT VALID checks", e);
        }
    }
}
