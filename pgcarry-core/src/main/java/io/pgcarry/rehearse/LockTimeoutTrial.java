package io.pgcarry.rehearse;

import io.pgcarry.error.SqlErrors;
import io.pgcarry.migrate.apply.ScriptStep;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * The lock_timeout trial of a statement that took ACCESS EXCLUSIVE on existing tables: just after it ran, a second
 * session (a long-running reader) holds ACCESS SHARE on those tables, and the statement is sent again under
 * {@code SET LOCAL lock_timeout}, then rolled back whatever happens. Taking a table lock is the first thing such a
 * statement does, so it shows whether it would wait for the reader (and fail at the timeout, rather than queueing every
 * query on the table behind it) even though its change is already made.
 */
final class LockTimeoutTrial {
    private final Connection session;
    private final Connection reader;
    private final Duration timeout;

    LockTimeoutTrial(Connection session, Connection reader, Duration timeout) {
        this.session = session;
        this.reader = reader;
        this.timeout = timeout;
    }

    /** The trial of {@code step}, whose ACCESS EXCLUSIVE locks were on {@code tables}. */
    TimeoutTrial run(ScriptStep step, List<String> tables) {
        double limit = timeout.toMillis() / 1000.0;
        try {
            reader.setAutoCommit(false);
            session.setAutoCommit(false);
            try (Statement s = reader.createStatement()) {
                s.execute("LOCK TABLE " + String.join(", ", tables.stream().map(StatementTables::sql).toList()) + " IN ACCESS SHARE MODE");
            } catch (SQLException e) {
                return new TimeoutTrial(limit, TimeoutTrial.Outcome.INCONCLUSIVE, 0, SqlErrors.describe(e));
            }
            return attempt(step, limit);
        } catch (SQLException e) {
            return new TimeoutTrial(limit, TimeoutTrial.Outcome.INCONCLUSIVE, 0, SqlErrors.describe(e));
        } finally {
            end(session);
            end(reader);
        }
    }

    private TimeoutTrial attempt(ScriptStep step, double limit) throws SQLException {
        try (PreparedStatement ps = session.prepareStatement("SELECT pg_catalog.set_config('lock_timeout', ?, true)")) {
            ps.setString(1, timeout.toMillis() + "ms");
            ps.executeQuery().close();
        }
        long start = System.nanoTime();
        try (Statement s = session.createStatement()) {
            s.setEscapeProcessing(false);
            s.execute(step.sql());
            return new TimeoutTrial(limit, TimeoutTrial.Outcome.DID_NOT_WAIT, seconds(start), null);
        } catch (SQLException e) {
            boolean timedOut = "55P03".equals(e.getSQLState());
            return new TimeoutTrial(limit, timedOut ? TimeoutTrial.Outcome.TIMED_OUT : TimeoutTrial.Outcome.INCONCLUSIVE, seconds(start),
                    timedOut ? null : SqlErrors.describe(e));
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void end(Connection c) {
        try {
            c.rollback();
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // a lost scratch session: the next statement reports it
        }
    }
}
