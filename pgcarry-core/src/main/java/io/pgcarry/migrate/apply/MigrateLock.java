package io.pgcarry.migrate.apply;

import io.pgcarry.catalog.SqlResource;
import io.pgcarry.error.Setting;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The one lock a {@code migrate apply} holds on a database for its whole run, so that two never interleave: a
 * session-level advisory lock, released when the run's connection closes. Its key is pgcarry's own
 * ({@code "pgcarrym"} in ASCII), apart from the move journal's.
 */
public final class MigrateLock {
    /** The advisory lock's key, for tools that want to wait for pgcarry or keep it out. */
    public static final long KEY = 0x706763617272796dL;
    private static final SqlResource SQL = SqlResource.of(MigrateLock.class);

    private MigrateLock() {
    }

    /** Takes the lock on {@code c}'s database; when another session holds it, stops naming it, or waits for it. */
    static void acquire(Connection c, boolean wait, ApplyProgress progress) throws SQLException {
        // named before it may hold the lock: whoever finds it held is told it is a migrate apply's from the first moment
        ApplySession.name(c);
        if (call(c, "try")) {
            return;
        }
        String holder = holder(c).map(Holder::toString).orElse("a session that has just ended");
        if (!wait) {
            throw new MigrateLockedException("another migrate apply is running on this database (" + holder
                    + "); wait for it to end, or run again with " + Setting.WAIT.mention());
        }
        progress.note("waiting for the migrate lock held by " + holder);
        try (Statement s = c.createStatement()) {
            // The session's own lock_timeout (none by default) governs this wait: --wait means as long as it takes.
            s.execute("SELECT pg_catalog.set_config('lock_timeout', '0', false)");
        }
        call(c, "wait");
    }

    private static boolean call(Connection c, String statement) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL.get(statement))) {
            ps.setLong(1, KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return !"try".equals(statement) || rs.getBoolean(1);
            }
        }
    }

    /**
     * Gives the lock back before the session ends: a session lock is otherwise released only when the server process
     * behind the connection exits, a moment after the client has closed it, and an apply that starts in that moment
     * would find the lock still held. Quiet: closing the connection releases it anyway.
     */
    static void release(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            call(c, "release");
        } catch (SQLException e) {
            // the connection is broken or closing: the server releases the lock as the session ends
        }
    }

    /** Who holds the lock: its pid, application_name, user and since when. */
    static Optional<Holder> holder(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL.get("holder"))) {
            ps.setLong(1, KEY >>> 32);
            ps.setLong(2, KEY & 0xffffffffL);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Holder(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class)));
            }
        }
    }

    /** The session holding the lock. */
    record Holder(int pid, String applicationName, String user, OffsetDateTime since) {
        @Override
        public String toString() {
            String app = applicationName == null || applicationName.isEmpty() ? "no application_name" : "application_name '"
                    + applicationName + "'";
            return "pid " + pid + ", " + app + (user == null ? "" : ", user " + user)
                    + (since == null ? "" : ", connected since " + since.withNano(0));
        }
    }
}
