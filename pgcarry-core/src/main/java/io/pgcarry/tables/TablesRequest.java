package io.pgcarry.tables;

import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.plan.TableSelection;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code pgcarry tables} is asked.
 *
 * @param target         the database whose tables are examined
 * @param sourceDatabase a database to look each table up in (same schema and name), or null
 * @param sourceSnapshot a schema snapshot ({@code schema dump --format json}) to look them up in instead, or null
 * @param selection      which tables ({@code --include}, {@code --exclude}; migration-history tables are left out)
 * @param exact          whether to count rows with {@code count(*)} rather than take the server's estimates
 */
public record TablesRequest(ConnectionSpec target, ConnectionSpec sourceDatabase, Path sourceSnapshot,
                            TableSelection selection, boolean exact) {
    public TablesRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(selection, "selection");
        if (sourceDatabase != null && sourceSnapshot != null) {
            throw new IllegalArgumentException("give SOURCE either as a database or as a snapshot, not both");
        }
    }

    /** Whether a SOURCE to look the tables up in was given. */
    public boolean hasSource() {
        return sourceDatabase != null || sourceSnapshot != null;
    }
}
