package io.pgcarry.copy;

import io.pgcarry.error.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The search path one COPY into the target runs with when the user asks user triggers to see the application's
 * (see {@link io.pgcarry.check.LoadTriggers#FIRE_WITH_TARGET_SEARCH_PATH}). Only the COPY statement itself runs with
 * it: a COPY resolves no name but its schema-qualified table, and the defaults, checks and index expressions it
 * evaluates were resolved when they were created; what looks names up at run time is the user's own code (a PL/pgSQL
 * trigger or function body), which the application runs with this very path. The path is set for the transaction
 * only and put back to {@code pg_catalog, pg_temp} as soon as the COPY ends, before pgcarry's own statements (the
 * journal's) run in the same transaction; a rollback puts it back too.
 */
public final class LoadSearchPath {
    private static final String TARGETS = "SELECT reset_val FROM pg_catalog.pg_settings WHERE name = 'search_path'";
    private static final String SET_LOCAL = "SELECT pg_catalog.set_config('search_path', ?, true)";
    private static final String PIN_LOCAL = "SELECT pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true)";

    private LoadSearchPath() {
    }

    /**
     * The path a new session of this role in this database starts with: the value {@code RESET search_path} would
     * give, which holds the role's and the database's settings and the connection's options, not pgcarry's pinning.
     */
    public static String targets(Connection target) {
        try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery(TARGETS)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw SqlErrors.translate("reading the target's default search_path", e);
        }
    }

    /** Sets {@code path} for the rest of the current transaction, just before a COPY; null leaves the pinned one. */
    public static void enter(Connection target, String path) throws SQLException {
        if (path == null) {
            return;
        }
        try (PreparedStatement ps = target.prepareStatement(SET_LOCAL)) {
            ps.setString(1, path);
            ps.execute();
        }
    }

    /** Pins the path again right after the COPY, when {@link #enter} changed it. */
    public static void leave(Connection target, String path) throws SQLException {
        if (path == null) {
            return;
        }
        try (Statement s = target.createStatement()) {
            s.execute(PIN_LOCAL);
        }
    }
}
