package io.pgcarry.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the binaries jar of a PostgreSQL release: first in the directory the build copies them to
 * ({@code pgcarry.embedded.binaries}, set by {@code bin/pgcarry} and the tests), then in the local Maven
 * repository. Nothing is downloaded here: the Maven build fetches the jars, and {@link BinaryFetcher} asks Maven for
 * one when a caller wants that.
 */
final class BinaryLocator {
    static final String DIRECTORY_PROPERTY = "pgcarry.embedded.binaries";
    static final String DIRECTORY_ENV = "PGCARRY_EMBEDDED_BINARIES";

    private final Platform platform;

    BinaryLocator(Platform platform) {
        this.platform = platform;
    }

    Path locate(PostgresVersion version) {
        return find(version).orElseThrow(() -> new EmbeddedPostgresException("PostgreSQL " + version + " binaries ("
                + fileName(version) + ") not found; run 'mvn -q dependency:get -Dartifact=io.zonky.test.postgres:"
                + platform.artifactId() + ":" + version.binaries() + "' or build pgcarry with 'mvn -q package -DskipTests'"));
    }

    /** The jar, when it is on this machine. */
    Optional<Path> find(PostgresVersion version) {
        String fileName = fileName(version);
        List<Path> candidates = new ArrayList<>();
        for (String dir : new String[] {System.getProperty(DIRECTORY_PROPERTY), System.getenv(DIRECTORY_ENV)}) {
            if (dir != null && !dir.isBlank()) {
                candidates.add(Path.of(dir, fileName));
            }
        }
        candidates.add(localRepository().resolve(Path.of("io", "zonky", "test", "postgres",
                platform.artifactId(), version.binaries(), fileName)));
        return candidates.stream().filter(Files::isReadable).findFirst();
    }

    private String fileName(PostgresVersion version) {
        return platform.artifactId() + "-" + version.binaries() + ".jar";
    }

    private static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }
}
