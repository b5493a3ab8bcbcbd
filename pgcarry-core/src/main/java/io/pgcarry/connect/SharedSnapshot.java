package io.pgcarry.connect;

import io.pgcarry.error.SqlErrors;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One consistent, read-only view of a database shared by every reader: the coordinator's transaction exports
 * its snapshot and stays open; each reader's transaction imports it. Nothing is ever written through it.
 */
public final class SharedSnapshot implements AutoCloseable {
    private final Connector connector;
    private final ConnectionSpec spec;
    private final Connection coordinator;
    private final String snapshotId;
    private volatile Join join = reader -> { };

    /** What a reader does first on joining the snapshot, before it is handed out. */
    @FunctionalInterface
    public interface Join {
        void joined(Connection reader) throws SQLException;
    }

    private SharedSnapshot(Connector connector, ConnectionSpec spec, Connection coordinator, String snapshotId) {
        this.connector = connector;
        this.spec = spec;
        this.coordinator = coordinator;
        this.snapshotId = snapshotId;
    }

    public static SharedSnapshot open(Connector connector, ConnectionSpec spec) {
        Connection c = Sessions.prepare(connector.open(spec));
        try {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                try (ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
                    rs.next();
                    return new SharedSnapshot(connector, spec, c, rs.getString(1));
                }
            }
        } catch (SQLException e) {
            close(c);
            throw SqlErrors.translate("opening a snapshot of " + spec.address() + " (use the direct connection, not a pooler)", e);
        }
    }

    /** The coordinator's connection, inside the snapshot. */
    public Connection coordinator() {
        return coordinator;
    }

    /** Sets what every reader joining from now on does first (e.g. take the locks the coordinator holds). */
    public void onJoin(Join join) {
        this.join = join;
    }

    /** A new connection whose transaction sees exactly the coordinator's snapshot. */
    public Connection reader() {
        Connection c = Sessions.prepare(connector.open(spec));
        try {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                s.execute("SET TRANSACTION SNAPSHOT '" + snapshotId.replace("'", "''") + "'");
            }
            join.joined(c);
            return c;
        } catch (RuntimeException e) {
            close(c);
            throw e;
        } catch (SQLException e) {
            close(c);
            throw SqlErrors.translate("joining the source snapshot", e);
        }
    }

    @Override
    public void close() {
        close(coordinator);
    }

    public static void close(Connection c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException ignored) {
            // Closing ends the transaction; nothing more can be done about a failure here.
        }
    }
}
