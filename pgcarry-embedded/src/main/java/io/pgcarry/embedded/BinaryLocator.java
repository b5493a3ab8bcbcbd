package io.pgcarry.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the binaries jar of a PostgreSQL release: first in the directory the build copies them to
 * ({@code pgcarry.embedded.binaries}, set by {@code bin/pgcarry} and the tests), then in the local Maven
 * repository. Nothing is downloaded at run time: the Maven build fetches the jars.
 */
final class BinaryLocator {
    static final String DIRECTORY_PROPERTY = "pgcarry.embedded.binaries";
    static final String DIRECTORY_ENV = "PGCARRY_EMBEDDED_BINARIES";

    private final Platform platform;

    BinaryLocator(Platform platform) {
        this.platform = platform;
    }

    Path locate(PostgresVersion version) {
        String fileName = platform.artifactId() + "-" + version.binaries() + ".jar";
        List<Path> candidates = new ArrayList<>();
        for (String dir : new String[] {System.getProperty(DIRECTORY_PROPERTY), System.getenv(DIRECTORY_ENV)}) {
            if (dir != null && !dir.isBlank()) {
                candidates.add(Path.of(dir, fileName));
            }
        }
        candidates.add(localRepository().resolve(Path.of("io", "zonky", "test", "postgres",
                platform.artifactId(), version.binaries(), fileName)));
        for (Path candidate : candidates) {
            if (Files.isReadable(candidate)) {
                return candidate;
            }
        }
        throw new EmbeddedPostgresException("PostgreSQL " + version + " binaries (" + fileName + ") not found; run "
                + "'mvn -q dependency:get -Dartifact=io.zonky.test.postgres:" + platform.artifactId() + ":"
                + version.binaries() + "' or build pgcarry with 'mvn -q package -DskipTests'");
    }

    private static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }
}
