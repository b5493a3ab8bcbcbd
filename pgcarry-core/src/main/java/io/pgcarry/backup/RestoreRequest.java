package io.pgcarry.backup;

import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.Setting;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A restore to run.
 *
 * @param archive an archive, a directory of archives (the newest is restored) or a plain-format pg_dump SQL file
 * @param to      the target database
 * @param jobs    parallel workers
 * @param smoke   a SQL file of queries that must succeed afterwards, or null
 * @param clean   first remove from the target exactly the objects the archive contains
 * @param signKey with {@code --sign-key-file}: the archive must be signed with this key; null checks no signature
 * @param allowProgram run {@code COPY ... PROGRAM} statements of a plain SQL file (refused otherwise)
 */
public record RestoreRequest(Path archive, ConnectionSpec to, int jobs, Path smoke, boolean clean, SigningKey signKey,
                             boolean allowProgram) {
    public RestoreRequest(Path archive, ConnectionSpec to, int jobs, Path smoke, boolean clean) {
        this(archive, to, jobs, smoke, clean, null, false);
    }

    public RestoreRequest {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(to, "to");
        if (jobs < 1) {
            throw new ConfigurationException(Setting.JOBS.mention() + " must be at least 1, got " + jobs);
        }
    }
}
