package io.pgcarry.copy;

import io.pgcarry.catalog.QualifiedName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Lets a COPY load a whole table with {@code FREEZE}: rows written frozen need no hint bits set later, so the index
 * builds, foreign key checks, hashing and ANALYZE that read them next each do less work. PostgreSQL allows FREEZE
 * only into a table truncated (or created) in the same transaction, so the table is truncated first, in the copy's
 * own transaction, and only when that is certain to lose nothing and to have no effect beyond the table:
 * <ul>
 *   <li>it is a plain table (FREEZE refuses partitioned ones) without row-level security, that this role may
 *       truncate;</li>
 *   <li>no other table's foreign key references it (TRUNCATE would refuse);</li>
 *   <li>it is no extension's configuration table (whose extension's own rows are never removed);</li>
 *   <li>it has no enabled ON TRUNCATE trigger, and the database publishes no truncates (which subscribers would
 *       apply to their own copies of the table);</li>
 *   <li>it is empty, checked under the lock the truncation then holds until the copy commits, so rows written by
 *       someone else since the check before the move are never removed.</li>
 * </ul>
 * Otherwise the copy simply loads without FREEZE.
 */
public final class FrozenLoad {
    private static final String ELIGIBLE = """
            SELECT c.relkind = 'r' AND NOT c.relrowsecurity
                   AND has_table_privilege(c.oid, 'TRUNCATE')
                   AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.confrelid = c.oid AND k.contype = 'f')
                   AND NOT EXISTS (SELECT FROM pg_trigger g
                                    WHERE g.tgrelid = c.oid AND g.tgtype & 32 <> 0 AND g.tgenabled <> 'D')
                   AND NOT EXISTS (SELECT FROM pg_publication WHERE pubtruncate)
                   AND NOT EXISTS (SELECT FROM pg_extension x WHERE c.oid = ANY (x.extconfig))
              FROM pg_class c WHERE c.oid = ?::regclass
            """;

    private FrozenLoad() {
    }

    /**
     * Truncates {@code table} on {@code target}'s open transaction when that is safe (see the class comment) and says
     * whether it did, so the COPY that follows in the same transaction may use FREEZE.
     */
    public static boolean prepare(Connection target, QualifiedName table) throws SQLException {
        try (PreparedStatement check = target.prepareStatement(ELIGIBLE)) {
            check.setString(1, table.sql());
            try (ResultSet rs = check.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return false;
                }
            }
        }
        try (Statement s = target.createStatement()) {
            s.execute("LOCK TABLE ONLY " + table.sql() + " IN ACCESS EXCLUSIVE MODE");
            try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT FROM ONLY " + table.sql() + ")")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return false;
                }
            }
            s.execute("TRUNCATE ONLY " + table.sql());
            return true;
        }
    }
}
