package io.pgcarry.migrate.verify;

import io.pgcarry.embedded.EmbeddedPostgres;
import io.pgcarry.embedded.EmbeddedPostgresException;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** A {@link ScratchServer} on pgcarry's embedded PostgreSQL. */
final class EmbeddedScratch implements ScratchServer {
    private static final String DATABASE = "pgcarry_verify";

    private final EmbeddedPostgres server;
    private final Duration startTime;
    private final String version;

    private EmbeddedScratch(EmbeddedPostgres server, Duration startTime, String version) {
        this.server = server;
        this.startTime = startTime;
        this.version = version;
    }

    static ScratchServer start(int major) {
        long started = System.nanoTime();
        EmbeddedPostgres server;
        try {
            server = EmbeddedPostgres.startFetchingBinaries(major);
        } catch (EmbeddedPostgresException e) {
            throw new PgCarryException(ErrorCode.IO, "migrate verify needs a throw-away PostgreSQL " + major + ": "
                    + e.getMessage().replace('\n', ' '), e);
        }
        try {
            server.createDatabase(DATABASE);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            return new EmbeddedScratch(server, took, serverVersion(server));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static String serverVersion(EmbeddedPostgres server) {
        try (Connection c = server.connect(DATABASE); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new PgCarryException(ErrorCode.IO, "the throw-away PostgreSQL does not answer: " + e.getMessage(), e);
        }
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Duration startTime() {
        return startTime;
    }

    @Override
    public Connection connect() throws SQLException {
        return server.connect(DATABASE);
    }

    @Override
    public void close() {
        server.close();
    }
}
