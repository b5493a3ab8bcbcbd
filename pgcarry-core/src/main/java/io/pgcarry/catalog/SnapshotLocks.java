package io.pgcarry.catalog;

import io.pgcarry.connect.SharedSnapshot;
import io.pgcarry.error.DatabaseException;
import io.pgcarry.error.Setting;
import io.pgcarry.error.SnapshotChangedException;
import io.pgcarry.error.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * Keeps a snapshot's tables from being emptied under it. TRUNCATE and table rewrites (ALTER TABLE ... TYPE, VACUUM
 * FULL, CLUSTER) are not MVCC-safe: committed after a snapshot was taken, they leave that snapshot reading the new,
 * empty or reloaded, file as if the table held nothing, and a validation in the same snapshot then agrees. So, as
 * pg_dump does, the snapshot's own transaction takes ACCESS SHARE locks on every table it will read (a partitioned
 * table with its partitions), which makes such a statement wait until pgcarry is done; and since one may have committed
 * between the snapshot and the lock, each table's file (each partition's) is then compared with the one the snapshot
 * saw: a table truncated, rewritten, dropped or replaced in between stops the work with its name instead of being
 * copied, archived or compared as empty. {@link #retried} runs such work once more, in a fresh snapshot.
 *
 * <p>The comparison works because, in the snapshot's REPEATABLE READ transaction, {@code pg_class} read by SQL shows
 * the catalog as of the snapshot while {@code pg_relation_filenode()} reads the relation cache, brought up to date
 * when the lock is taken.
 */
public final class SnapshotLocks {
    private static final SqlResource SQL = SqlResource.of(SnapshotLocks.class);
    /**
     * How long a reader waits for a table another session has queued an exclusive request on behind pgcarry's locks:
     * that wait could only end when the other session gives up.
     */
    static final Duration QUEUED_WAIT = Duration.ofSeconds(2);
    private static final String LOCK_TIMEOUT = "SELECT pg_catalog.set_config('lock_timeout', ?, true)";

    private SnapshotLocks() {
    }

    /**
     * Runs {@code work}, and once more if the snapshot it took lost a table to a TRUNCATE or rewrite before the locks
     * (a reload that has just committed is usually over, and the fresh snapshot reads its rows).
     */
    public static <T> T retried(Supplier<T> work) {
        try {
            return work.get();
        } catch (SnapshotChangedException e) {
            return work.get();
        }
    }

    /**
     * Called right after the snapshot is taken, before the catalog is read: bounds every lock wait of the snapshot's
     * transaction by {@code wait} (null: no bound, as pg_dump by default), and waits first, within that bound, for the
     * tables another session holds exclusively (a TRUNCATE in progress), so that a wait that times out names who holds
     * the lock. Those waits take and release their locks.
     */
    public static void awaitExclusive(Connection coordinator, Duration wait, String side) {
        try {
            setLockTimeout(coordinator, wait);
            List<QualifiedName> held = new ArrayList<>();
            try (Statement s = coordinator.createStatement(); ResultSet rs = s.executeQuery(SQL.get("exclusive"))) {
                while (rs.next()) {
                    held.add(new QualifiedName(rs.getString(1), rs.getString(2)));
                }
            }
            for (QualifiedName table : held) {
                Savepoint before = coordinator.setSavepoint();
                try {
                    lockOne(coordinator, table, "ONLY ", wait, side, before);
                } catch (SQLException gone) {
                    // Dropped or renamed since the list was read: nothing is left to wait for.
                } finally {
                    // Rolled back to release the lock, then released: a snapshot cannot be exported inside a savepoint.
                    coordinator.rollback(before);
                    coordinator.releaseSavepoint(before);
                }
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("waiting for the tables of " + side, e);
        }
    }

    /**
     * {@link #protect(Connection, Collection, Duration, String)} on the snapshot's coordinator; then every reader that
     * joins the snapshot takes the same locks at once, without waiting. A session that asked for an exclusive lock on
     * one of the tables after the coordinator took its own waits for pgcarry, and PostgreSQL queues any new lock
     * request on that table behind it: a reader would wait for a session that waits for pgcarry, for ever. So a reader
     * joining then locks every other table, and gives up within {@link #QUEUED_WAIT} (as pg_dump's workers give up at
     * once) if it has to read that one, naming the session in the way.
     */
    public static void protect(SharedSnapshot snapshot, Collection<QualifiedName> tables, Duration wait, String side) {
        List<QualifiedName> names = List.copyOf(new LinkedHashSet<>(tables));
        protect(snapshot.coordinator(), names, wait, side);
        if (names.isEmpty()) {
            return;
        }
        try {
            List<QualifiedName> partitioned = numbered(snapshot.coordinator(), SQL.get("kinds"), names, false);
            snapshot.onJoin(reader -> join(reader, names, partitioned, side));
        } catch (SQLException e) {
            throw SqlErrors.translate("locking the tables of " + side, e);
        }
    }

    private static void join(Connection reader, List<QualifiedName> names, List<QualifiedName> partitioned, String side)
            throws SQLException {
        if (lockAll(reader, names, partitioned)) {
            return;
        }
        List<QualifiedName> queued = numbered(reader, SQL.get("queued"), names, true);
        List<QualifiedName> free = names.stream().filter(t -> !queued.contains(t)).toList();
        if (!lockAll(reader, free, partitioned)) {
            throw new DatabaseException(side + ": " + waiters(reader, names) + " for an exclusive lock (TRUNCATE, ALTER TABLE, "
                    + "VACUUM FULL, CLUSTER...) behind pgcarry's snapshot locks, and PostgreSQL queues pgcarry's next reader behind "
                    + "that request; cancel that statement, or run pgcarry again once it is done", "55P03", null);
        }
        setLockTimeout(reader, QUEUED_WAIT);
    }

    /** Locks all of {@code tables} at once if none has to be waited for; false, with nothing locked, otherwise. */
    private static boolean lockAll(Connection reader, List<QualifiedName> tables, List<QualifiedName> partitioned) throws SQLException {
        if (tables.isEmpty()) {
            return true;
        }
        Savepoint before = reader.setSavepoint();
        try (Statement s = reader.createStatement()) {
            s.execute("LOCK TABLE " + String.join(", ", tables.stream().map(t -> (partitioned.contains(t) ? "" : "ONLY ") + t.sql())
                    .toList()) + " IN ACCESS SHARE MODE NOWAIT");
        } catch (SQLException e) {
            if (!"55P03".equals(e.getSQLState())) {
                throw e;
            }
            reader.rollback(before);
            reader.releaseSavepoint(before);
            return false;
        }
        reader.releaseSavepoint(before);
        return true;
    }

    private static String waiters(Connection c, List<QualifiedName> names) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL.get("waiters"))) {
            ps.setArray(1, c.createArrayOf("text", names.stream().map(QualifiedName::sql).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                String who = rs.next() ? rs.getString(1) : null;
                return who == null ? "another session waits (it has given up since)" : who + " waits";
            }
        }
    }

    /**
     * Locks {@code tables} in the snapshot's transaction on {@code coordinator}, waiting at most {@code wait} for each
     * (null: as long as it takes, as pg_dump does by default), then fails if any was truncated or rewritten since the
     * snapshot was taken.
     *
     * @param side how messages name the database, e.g. "the source"
     * @throws SnapshotChangedException when a table changed between the snapshot and its lock
     */
    public static void protect(Connection coordinator, Collection<QualifiedName> tables, Duration wait, String side) {
        List<QualifiedName> names = List.copyOf(new LinkedHashSet<>(tables));
        if (names.isEmpty()) {
            return;
        }
        try {
            lock(coordinator, names, wait, side);
            List<QualifiedName> changed = numbered(coordinator, SQL.get("changed"), names, true);
            if (!changed.isEmpty()) {
                throw new SnapshotChangedException(side + ": " + describe(changed) + " truncated or rewritten (TRUNCATE, ALTER "
                        + "TABLE, VACUUM FULL, CLUSTER, a partition dropped) while pgcarry was taking its snapshot, which would "
                        + "read as empty; nothing was read from it: run the command again once that reload is over",
                        changed.stream().map(QualifiedName::toString).toList());
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("locking the tables of " + side, e);
        }
    }

    private static void lock(Connection c, List<QualifiedName> names, Duration wait, String side) throws SQLException {
        List<QualifiedName> partitioned = numbered(c, SQL.get("kinds"), names, false);
        Savepoint before = c.setSavepoint();
        setLockTimeout(c, wait);
        for (QualifiedName table : names) {
            // A partitioned table is read with its partitions, which a TRUNCATE of one partition alone would not wait for.
            lockOne(c, table, partitioned.contains(table) ? "" : "ONLY ", wait, side, before);
        }
        c.releaseSavepoint(before);
    }

    private static void lockOne(Connection c, QualifiedName table, String only, Duration wait, String side, Savepoint before)
            throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("LOCK TABLE " + only + table.sql() + " IN ACCESS SHARE MODE");
        } catch (SQLException e) {
            if (!"55P03".equals(e.getSQLState())) {
                throw e;
            }
            c.rollback(before);
            throw new DatabaseException(side + ": waited " + (wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms") + " for a lock on " + table
                    + " (" + Setting.LOCK_WAIT_TIMEOUT.mention() + ") held by " + holders(c, table)
                    + "; run again when that session is done, or raise " + Setting.LOCK_WAIT_TIMEOUT.mention(), "55P03", e);
        }
    }

    private static void setLockTimeout(Connection c, Duration wait) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LOCK_TIMEOUT)) {
            ps.setString(1, String.valueOf(wait == null ? 0 : Math.max(1, wait.toMillis())));
            ps.execute();
        }
    }

    private static String holders(Connection c, QualifiedName table) throws SQLException {
        List<String> holders = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SQL.get("holders"))) {
            ps.setString(1, table.sql());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    holders.add("pid " + rs.getInt(1) + " (user " + rs.getString(2) + ", application '" + rs.getString(3)
                            + "', " + rs.getString(4) + ", transaction open " + rs.getString(5) + " s)");
                }
            }
        }
        return holders.isEmpty() ? "another session (it has gone since)" : String.join(", ", holders);
    }

    /**
     * Runs a query over the listed names (as arrays of schemas, names and, with {@code quoted}, quoted names) whose rows
     * give a 1-based position in the list and, when a second column is there, whether to keep it; returns those names.
     */
    private static List<QualifiedName> numbered(Connection c, String sql, List<QualifiedName> names, boolean quoted)
            throws SQLException {
        List<QualifiedName> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", names.stream().map(QualifiedName::schema).toArray()));
            ps.setArray(2, c.createArrayOf("text", names.stream().map(QualifiedName::name).toArray()));
            if (quoted) {
                ps.setArray(3, c.createArrayOf("text", names.stream().map(QualifiedName::sql).toArray()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                boolean flagged = rs.getMetaData().getColumnCount() > 1;
                while (rs.next()) {
                    if (!flagged || rs.getBoolean(2)) {
                        result.add(names.get(rs.getInt(1) - 1));
                    }
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
