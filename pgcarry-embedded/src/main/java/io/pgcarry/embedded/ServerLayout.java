package io.pgcarry.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The temporary directory of one server: {@code data/}, a short socket directory (Unix socket paths are
 * limited to about 100 bytes) and the server log.
 */
record ServerLayout(Path base) {

    static ServerLayout create() {
        try {
            // A short name directly in the temp directory keeps the socket path well under its limit.
            Path base = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "pgc");
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx------"));
            Files.createDirectory(base.resolve("data"), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            Files.createDirectory(base.resolve("s"));
            return new ServerLayout(base);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("cannot create a temporary directory for PostgreSQL: " + e.getMessage(), e);
        }
    }

    Path data() {
        return base.resolve("data");
    }

    Path socket() {
        return base.resolve("s");
    }

    Path log() {
        return base.resolve("postgres.log");
    }
}
