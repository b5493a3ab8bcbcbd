package io.pgcarry.migrate.verify;

import io.pgcarry.error.DatabaseException;
import java.sql.SQLException;

/** A migration file failed on the throw-away server for a reason other than a missing extension. */
public final class ReplayFailedException extends DatabaseException {
    private final String file;

    ReplayFailedException(String file, int line, String serverVersion, String error, SQLException cause) {
        super("migration " + file + " failed on the throw-away PostgreSQL " + serverVersion + " at line " + line + ": " + error,
                cause.getSQLState(), cause);
        this.file = file;
    }

    /** The file, relative to the migration directory. */
    public String file() {
        return file;
    }
}
