package io.pgcarry.catalog;

import io.pgcarry.error.DatabaseException;
import io.pgcarry.error.SqlErrors;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Keeps a snapshot's tables from being emptied under it. TRUNCATE and table rewrites (ALTER TABLE ... TYPE, VACUUM
 * FULL, CLUSTER) are not MVCC-safe: committed after a snapshot was taken, they leave that snapshot reading the new,
 * empty or reloaded, file as if the table held nothing, and a validation in the same snapshot then agrees. So, as
 * pg_dump does, the snapshot's own transaction takes ACCESS SHARE locks on every table it will read, which makes such
 * a statement wait until pgcarry is done; and since one may have committed between the snapshot and the lock, each
 * table's file is then compared with the one the snapshot saw: a table truncated or rewritten in between stops the
 * work with its name instead of being copied, archived or compared as empty.
 */
public final class SnapshotLocks {
    private static final String REWRITTEN = """
            SELECT u.n FROM unnest(?::text[]) WITH ORDINALITY AS u(t, n)
            JOIN pg_catalog.pg_class c ON c.oid = pg_catalog.to_regclass(u.t)
            WHERE c.relfilenode <> 0 AND c.relfilenode IS DISTINCT FROM pg_catalog.pg_relation_filenode(c.oid)
            ORDER BY u.n
            """;
    private static final String HOLDERS = """
            SELECT a.pid, a.usename, a.application_name, a.state, l.mode,
                   pg_catalog.round(pg_catalog.date_part('epoch', pg_catalog.clock_timestamp() - a.xact_start)::numeric, 1)
            FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
            WHERE l.granted AND l.locktype = 'relation' AND l.relation = pg_catalog.to_regclass(?)
              AND l.mode = 'AccessExclusiveLock'
            """;

    private SnapshotLocks() {
    }

    /**
     * Locks {@code tables} in the snapshot's transaction on {@code coordinator}, waiting at most {@code wait} for each
     * (null: as long as it takes, as pg_dump does by default), then fails if any was truncated or rewritten since the
     * snapshot was taken.
     *
     * @param side how messages name the database, e.g. "the source"
     */
    public static void protect(Connection coordinator, Collection<QualifiedName> tables, Duration wait, String side) {
        if (tables.isEmpty()) {
            return;
        }
        List<QualifiedName> names = List.copyOf(tables);
        try {
            lock(coordinator, names, wait, side);
            List<QualifiedName> rewritten = rewritten(coordinator, names);
            if (!rewritten.isEmpty()) {
                throw new DatabaseException(side + ": " + describe(rewritten) + " truncated or rewritten (TRUNCATE, ALTER TABLE, "
                        + "VACUUM FULL, CLUSTER) while pgcarry was taking its snapshot, which would read as empty; nothing was "
                        + "copied from it: run the command again", null, null);
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("locking the tables of " + side, e);
        }
    }

    private static void lock(Connection c, List<QualifiedName> names, Duration wait, String side) throws SQLException {
        Savepoint before = c.setSavepoint();
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL lock_timeout = " + (wait == null ? 0 : Math.max(1, wait.toMillis())));
            for (QualifiedName table : names) {
                try {
                    s.execute("LOCK TABLE ONLY " + table.sql() + " IN ACCESS SHARE MODE");
                } catch (SQLException e) {
                    if (!"55P03".equals(e.getSQLState())) {
                        throw e;
                    }
                    c.rollback(before);
                    throw new DatabaseException(side + ": waited " + wait.toSeconds() + " s for a lock on " + table
                            + " (--lock-wait-timeout) held by " + holders(c, table)
                            + "; run again when that session is done, or raise --lock-wait-timeout", "55P03", e);
                }
            }
            s.execute("SET LOCAL lock_timeout = 0");
        }
        c.releaseSavepoint(before);
    }

    private static String holders(Connection c, QualifiedName table) throws SQLException {
        List<String> holders = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(HOLDERS)) {
            ps.setString(1, table.sql());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    holders.add("pid " + rs.getInt(1) + " (user " + rs.getString(2) + ", application '" + rs.getString(3)
                            + "', " + rs.getString(4) + ", transaction open " + rs.getString(6) + " s)");
                }
            }
        }
        return holders.isEmpty() ? "another session (it has gone since)" : String.join(", ", holders);
    }

    private static List<QualifiedName> rewritten(Connection c, List<QualifiedName> names) throws SQLException {
        List<QualifiedName> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(REWRITTEN)) {
            Array array = c.createArrayOf("text", names.stream().map(QualifiedName::sql).toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(names.get(rs.getInt(1) - 1));
                }
            }
        }
        return result;
    }

    private static String describe(List<QualifiedName> tables) {
        return tables.size() == 1 ? "table " + tables.get(0) + " was"
                : "tables " + String.join(", ", tables.stream().map(QualifiedName::toString).toList()) + " were";
    }
}
