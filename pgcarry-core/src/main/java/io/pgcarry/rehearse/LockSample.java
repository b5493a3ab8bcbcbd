package io.pgcarry.rehearse;

import io.pgcarry.lint.LockMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One relation lock a backend held (or waited for) when {@code pg_locks} was read.
 *
 * @param oid     the relation
 * @param mode    the lock mode
 * @param granted held; false while it waits for it
 */
record LockSample(long oid, LockMode mode, boolean granted) {
    /** The relation locks of backend {@code pid} in the current database. */
    static List<LockSample> read(PreparedStatement locks, int pid) throws SQLException {
        List<LockSample> samples = new ArrayList<>();
        locks.setInt(1, pid);
        try (ResultSet rs = locks.executeQuery()) {
            while (rs.next()) {
                LockMode mode = LockMode.parse(rs.getString(2)).orElse(null);
                if (mode != null) {
                    samples.add(new LockSample(rs.getLong(1), mode, rs.getBoolean(3)));
                }
            }
        }
        return samples;
    }

    static PreparedStatement prepare(Connection c) throws SQLException {
        return c.prepareStatement(RelationSnapshot.sql().get("locks"));
    }
}
