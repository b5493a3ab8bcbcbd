package io.pgcarry.move;

import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.Sessions;
import io.pgcarry.error.SqlErrors;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One consistent, read-only view of the source shared by every reader: the coordinator's transaction exports
 * its snapshot and stays open; each worker's transaction imports it. The source is never written.
 */
final class SourceSnapshot implements AutoCloseable {
    private final Connector connector;
    private final ConnectionSpec spec;
    private final Connection coordinator;
    private final String snapshotId;

    private SourceSnapshot(Connector connector, ConnectionSpec spec, Connection coordinator, String snapshotId) {
        this.connector = connector;
        this.spec = spec;
        this.coordinator = coordinator;
        this.snapshotId = snapshotId;
    }

    static SourceSnapshot open(Connector connector, ConnectionSpec spec) {
        Connection c = Sessions.prepare(connector.open(spec));
        try {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                try (ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
                    rs.next();
                    return new SourceSnapshot(connector, spec, c, rs.getString(1));
                }
            }
        } catch (SQLException e) {
            close(c);
            throw SqlErrors.translate("opening a snapshot of the source (use the direct connection, not a pooler)", e);
        }
    }

    /** The coordinator's connection, inside the snapshot. */
    Connection coordinator() {
        return coordinator;
    }

    /** A new connection whose transaction sees exactly the coordinator's snapshot. */
    Connection reader() {
        Connection c = Sessions.prepare(connector.open(spec));
        try {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                s.execute("SET TRANSACTION SNAPSHOT '" + snapshotId.replace("'", "''") + "'");
            }
            return c;
        } catch (SQLException e) {
            close(c);
            throw SqlErrors.translate("joining the source snapshot", e);
        }
    }

    @Override
    public void close() {
        close(coordinator);
    }

    static void close(Connection c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException ignored) {
            // Closing ends the transaction; nothing more can be done about a failure here.
        }
    }
}
