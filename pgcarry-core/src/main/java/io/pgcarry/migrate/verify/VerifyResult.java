package io.pgcarry.migrate.verify;

import io.pgcarry.migrate.MigrationStatus;
import java.util.List;
import java.util.Objects;

/**
 * What {@code migrate verify} found: the status of every migration, then how the target's schema differs from what
 * the files make.
 *
 * @param status            what {@code migrate status} says
 * @param server            the throw-away server the files were replayed on
 * @param replayed          how many migration files were replayed
 * @param pendingIncluded   whether pending migrations were replayed too ({@code --include-pending})
 * @param pendingLeftOut    how many migrations were not replayed because they are not applied
 * @param searchPath        the search path the files ran with, when it was not the server's default
 * @param missingExtensions extensions the migrations create that the throw-away server does not have
 * @param notes             what else to know: migrations replayed with a caveat or not replayed, statements skipped
 * @param excluded          objects not compared because they need a missing extension, as {@code kind name}
 * @param drift             each object whose schema differs, in the order {@code pgcarry diff} lists them
 * @param notCompared       objects either side holds that pgcarry does not model, as {@code kind name}: they count as
 *                          drift, since they could not be compared
 * @param seconds           how long the whole verification took
 */
public record VerifyResult(MigrationStatus status, Server server, int replayed, boolean pendingIncluded, int pendingLeftOut,
                           String searchPath, List<String> missingExtensions, List<String> notes, List<String> excluded,
                           List<Drift> drift, List<String> notCompared, double seconds) {
    public VerifyResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(server, "server");
        missingExtensions = List.copyOf(missingExtensions);
        notes = List.copyOf(notes);
        excluded = List.copyOf(excluded);
        drift = List.copyOf(drift);
        notCompared = List.copyOf(notCompared);
    }

    /**
     * The throw-away server.
     *
     * @param major        its major version
     * @param version      its full version
     * @param startSeconds how long it took to start (binaries extracted and fetched when needed, initdb, start)
     */
    public record Server(int major, String version, double startSeconds) {
    }

    /** Whether the target's schema is what the files make: nothing drifted, nothing left uncompared. */
    public boolean noDrift() {
        return drift.isEmpty() && notCompared.isEmpty();
    }

    /** Whether status and schema are both clean: exit code 0. */
    public boolean clean() {
        return status.upToDate() && noDrift();
    }

    /** How many drifted objects have {@code change}. */
    public long count(Drift.Change change) {
        return drift.stream().filter(d -> d.change() == change).count();
    }
}
