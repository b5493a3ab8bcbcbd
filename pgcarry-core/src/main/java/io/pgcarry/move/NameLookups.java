package io.pgcarry.move;

import io.pgcarry.error.Setting;
import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Recognizes a load that failed because user code run by the COPY (a trigger, or a function a default or check
 * calls) looked a name up in pgcarry's search path and did not find it, so the error can say what to do.
 */
final class NameLookups {
    /** What the user can do, appended to the server's error. */
    static final String REMEDY = "; user code that fires during the load runs with pgcarry's search_path (pg_catalog,"
            + " pg_temp): qualify the names it uses or give its function SET search_path, or re-run with "
            + Setting.TRIGGER_SEARCH_PATH.mention() + " (the load then runs with the target's default search path) or "
            + Setting.DISABLE_TRIGGERS.mention();

    private NameLookups() {
    }

    /** An undefined table, function or type, raised inside a function (the server's context names one). */
    static boolean failedInUserCode(SQLException e) {
        String state = e.getSQLState();
        if (!"42P01".equals(state) && !"42883".equals(state) && !"42704".equals(state)) {
            return false;
        }
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        String where = server == null ? null : server.getWhere();
        return where != null && where.contains("function");
    }
}
