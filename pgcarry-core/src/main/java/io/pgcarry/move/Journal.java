package io.pgcarry.move;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.catalog.KeySteps;
import io.pgcarry.catalog.SqlResource;
import io.pgcarry.copy.CopyRange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes the journal tables in schema {@code pgcarry} of the target. Methods run on the caller's
 * connection and transaction, so a journal entry commits or rolls back with the work it describes. The schema's
 * creation, its lock and its guard are public: {@code import} keeps its id map in the same journal.
 */
public final class Journal {
    private static final SqlResource SQL = SqlResource.of(Journal.class);

    /** An unfinished run found in the journal. */
    record Run(long id, String status, String fingerprint, String source, OffsetDateTime startedAt) {
    }

    private Journal() {
    }

    /**
     * Creates the journal if need be, under the journal lock: the caller starts its run in the same transaction, so
     * {@link #dropIfIdle} never sees a journal that is about to hold a run without seeing the run.
     */
    public static void create(Connection c) throws SQLException {
        lock(c);
        exists(c);
        try (Statement s = c.createStatement()) {
            s.execute(SQL.get("create"));
        }
        // Again: another role may have created schema pgcarry since the first look, and the script kept it.
        JournalGuard.verify(c);
    }

    /**
     * Removes schema {@code pgcarry} and everything in it when no run in it is unfinished and it holds no import's id
     * map (which later imports need to stay idempotent), so a finished move or clone
     * leaves the target as its source (pg_dump of both alike). Runs in the caller's transaction, which must commit;
     * the journal lock makes a run that is being started wait, or be seen.
     *
     * @return whether the journal was removed
     */
    static boolean dropIfIdle(Connection c) throws SQLException {
        lock(c);
        if (!exists(c)) {
            return false;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SQL.get("unfinished-count"))) {
            rs.next();
            if (rs.getLong(1) > 0) {
                return false;
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SQL.get("holds-import-ids"))) {
            rs.next();
            if (rs.getBoolean(1)) {
                return false;
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute(SQL.get("drop"));
        }
        return true;
    }

    /** The journal lock, held until the transaction ends: one advisory lock per database, for pgcarry alone. */
    private static void lock(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(SQL.get("lock"));
        }
    }

    /**
     * Whether the journal is there, once {@link JournalGuard} has made sure that schema {@code pgcarry}, when present,
     * is pgcarry's alone: every command that reads or writes the journal comes through here first.
     */
    public static boolean exists(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SQL.get("exists"))) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return false;
            }
            JournalGuard.verify(c);
            return rs.getBoolean(2);
        }
    }

    static long startRun(Connection c, String fingerprint, String source) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL.get("start-run"))) {
            ps.setString(1, fingerprint);
            ps.setString(2, source);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static Optional<Run> unfinished(Connection c) throws SQLException {
        if (!exists(c)) {
            return Optional.empty();
        }
        try (PreparedStatement ps = c.prepareStatement(SQL.get("unfinished-run")); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Run(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getObject(5, OffsetDateTime.class)));
        }
    }

    static void setStatus(Connection c, long run, String status) throws SQLException {
        boolean final_ = status.equals("done") || status.equals("aborted");
        try (PreparedStatement ps = c.prepareStatement(SQL.get("set-status"))) {
            ps.setString(1, status);
            ps.setBoolean(2, final_);
            ps.setLong(3, run);
            ps.executeUpdate();
        }
    }

    static void addTable(Connection c, long run, QualifiedName table, long rowsBefore) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL.get("add-table"))) {
            ps.setLong(1, run);
            ps.setString(2, table.schema());
            ps.setString(3, table.name());
            ps.setLong(4, rowsBefore);
            ps.executeUpdate();
        }
    }

    static Map<QualifiedName, Long> tables(Connection c, long run) throws SQLException {
        Map<QualifiedName, Long> result = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SQL.get("tables"))) {
            ps.setLong(1, run);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.put(new QualifiedName(rs.getString(1), rs.getString(2)), rs.getLong(3));
                }
            }
        }
        return result;
    }

    static void addObject(Connection c, long run, JournalObject o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(KeySteps.withAttachClause(SQL.get("add-object")))) {
            ps.setLong(1, run);
            ps.setString(2, o.kind().code());
            ps.setString(3, o.table().schema());
            ps.setString(4, o.table().name());
            ps.setString(5, o.name());
            ps.setString(6, o.definition());
            ps.setBoolean(7, o.wasValid());
            ps.executeUpdate();
        }
    }

    static List<JournalObject> objects(Connection c, long run) throws SQLException {
        List<JournalObject> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SQL.get("objects"))) {
            ps.setLong(1, run);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    QualifiedName references = rs.getString(11) == null ? null : new QualifiedName(rs.getString(10), rs.getString(11));
                    JournalObject o = new JournalObject(SetAsideKind.of(rs.getString(1)), new QualifiedName(rs.getString(2), rs.getString(3)),
                            rs.getString(4), rs.getString(5), rs.getBoolean(6), SetAsideState.of(rs.getString(7)), rs.getString(8), rs.getString(9),
                            references, rs.getString(12), rs.getString(13));
                    SetAsideShape.check(o);
                    result.add(o);
                }
            }
        }
        return result;
    }

    static void setObjectState(Connection c, long run, JournalObject o, SetAsideState state) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL.get("set-object-state"))) {
            ps.setString(1, state.code());
            ps.setLong(2, run);
            ps.setString(3, o.kind().code());
            ps.setString(4, o.table().schema());
            ps.setString(5, o.table().name());
            ps.setString(6, o.name());
            ps.executeUpdate();
        }
    }

    static void addRange(Connection c, long run, CopyRange r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL.get("add-range"))) {
            ps.setLong(1, run);
            ps.setString(2, r.table().schema());
            ps.setString(3, r.table().name());
            ps.setInt(4, r.number());
            setLong(ps, 5, r.lower());
            setLong(ps, 6, r.upper());
            ps.executeUpdate();
        }
    }

    static List<CopyRange> ranges(Connection c, long run) throws SQLException {
        List<CopyRange> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SQL.get("ranges"))) {
            ps.setLong(1, run);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new CopyRange(new QualifiedName(rs.getString(1), rs.getString(2)), rs.getInt(3),
                            (Long) rs.getObject(4), (Long) rs.getObject(5), rs.getBoolean(6), rs.getLong(7), rs.getLong(8),
                            rs.getDouble(9)));
                }
            }
        }
        return result;
    }

    static void rangeDone(Connection c, long run, CopyRange r, long rows, long bytes, double seconds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL.get("range-done"))) {
            ps.setLong(1, rows);
            ps.setLong(2, bytes);
            ps.setDouble(3, seconds);
            ps.setLong(4, run);
            ps.setString(5, r.table().schema());
            ps.setString(6, r.table().name());
            ps.setInt(7, r.number());
            ps.executeUpdate();
        }
    }

    /** Records a large object the run created, in the transaction that created it. */
    static void addLargeObject(Connection c, long run, long oid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL.get("add-large-object"))) {
            ps.setLong(1, run);
            ps.setLong(2, oid);
            ps.executeUpdate();
        }
    }

    /**
     * Removes the large objects the run created that are still there; returns how many. A journal made by a pgcarry
     * that did not copy large objects has no record of them.
     */
    static long unlinkLargeObjects(Connection c, long run) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT to_regclass('pgcarry.move_large_object') IS NULL")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return 0;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(SQL.get("unlink-large-objects"))) {
            ps.setLong(1, run);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }
}
