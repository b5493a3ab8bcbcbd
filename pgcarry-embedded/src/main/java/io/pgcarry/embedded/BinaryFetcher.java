package io.pgcarry.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Asks Maven for a binaries jar that is not on this machine ({@code mvn dependency:get}), into the local repository
 * where {@link BinaryLocator} looks. Maven is the one client that knows the user's repositories, mirrors and proxies,
 * so pgcarry never downloads anything itself. The command is {@code mvn}, or what {@value #MAVEN_PROPERTY} (or
 * {@value #MAVEN_ENV}) holds, split on spaces ({@code mvn -o} keeps Maven offline).
 */
final class BinaryFetcher {
    static final String MAVEN_PROPERTY = "pgcarry.embedded.maven";
    static final String MAVEN_ENV = "PGCARRY_MAVEN";
    private static final long TIMEOUT_MINUTES = 10;
    private static final int REASON_LENGTH = 200;

    private final Platform platform;

    BinaryFetcher(Platform platform) {
        this.platform = platform;
    }

    /** Fetches the jar of {@code version}; an error says in one line why it could not. */
    void fetch(PostgresVersion version) {
        List<String> command = new ArrayList<>(maven());
        command.addAll(List.of("-q", "-B", "dependency:get", "-Dtransitive=false",
                "-Dartifact=io.zonky.test.postgres:" + platform.artifactId() + ":" + version.binaries()));
        String repository = System.getProperty("maven.repo.local");
        if (repository != null && !repository.isBlank()) {
            command.add("-Dmaven.repo.local=" + repository);
        }
        String failure = run(command);
        if (failure != null) {
            throw new EmbeddedPostgresException("PostgreSQL " + version.major() + " binaries (" + version.binaries()
                    + ") are not on this machine and Maven could not fetch them (" + failure + "); fetch them when online with '"
                    + "mvn -q dependency:get -Dartifact=io.zonky.test.postgres:" + platform.artifactId() + ":" + version.binaries() + "'");
        }
    }

    private static List<String> maven() {
        for (String configured : new String[] {System.getProperty(MAVEN_PROPERTY), System.getenv(MAVEN_ENV)}) {
            if (configured != null && !configured.isBlank()) {
                return Arrays.asList(configured.strip().split("\\s+"));
            }
        }
        return List.of("mvn");
    }

    /** Runs the command; null when it succeeded, else why not, in a few words. */
    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close(); // Maven asks nothing in batch mode; an open stdin could only make it wait
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return "no answer within " + TIMEOUT_MINUTES + " minutes";
            }
            return process.exitValue() == 0 ? null : reason(new String(output, StandardCharsets.UTF_8), process.exitValue());
        } catch (IOException e) {
            return "cannot run " + command.get(0) + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Maven's first error line, without its {@code [ERROR]} tag and colour codes, shortened. */
    static String reason(String output, int exitCode) {
        String line = output.lines().map(l -> l.replaceAll("\u001b\\[[0-9;]*m", "").strip())
                .filter(l -> l.startsWith("[ERROR]")).map(l -> l.substring("[ERROR]".length()).strip())
                .filter(l -> !l.isEmpty()).findFirst().orElse(command(exitCode));
        return line.length() > REASON_LENGTH ? line.substring(0, REASON_LENGTH - 1) + "…" : line;
    }

    private static String command(int exitCode) {
        return "mvn exited with " + exitCode;
    }
}
