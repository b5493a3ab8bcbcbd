package io.pgcarry.migrate.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A throw-away PostgreSQL server with one empty database, on which migrations are replayed. {@link #close()} stops it
 * and removes everything it wrote.
 */
public interface ScratchServer extends AutoCloseable {
    /** The server's version as it reports it ({@code 17.5}). */
    String version();

    /** How long the server took to start. */
    Duration startTime();

    /** A new superuser connection to the empty database, with the server's default search path. */
    Connection connect() throws SQLException;

    @Override
    void close();
}
