package io.pgcarry.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * The temporary directory of one server: {@code data/}, a short socket directory (Unix socket paths are
 * limited to about 100 bytes) and the server log.
 */
record ServerLayout(Path base) {

    /** Names the JVM that made a directory, so a later start can tell a directory whose owner died. */
    private static final String OWNER_FILE = "owner.pid";
    private static final String PREFIX = "pgc";

    static ServerLayout create() {
        sweepOrphans();
        try {
            // A short name directly in the temp directory keeps the socket path well under its limit.
            Path base = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), PREFIX);
            Files.writeString(base.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx------"));
            Files.createDirectory(base.resolve("data"), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            Files.createDirectory(base.resolve("s"));
            return new ServerLayout(base);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("cannot create a temporary directory for PostgreSQL: " + e.getMessage(), e);
        }
    }

    /**
     * Removes server directories whose JVM died before its watchdog existed (a kill during initdb, say). A
     * directory is only removed when its owner process is gone and no server runs in it.
     */
    static void sweepOrphans() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> entries = Files.list(tmp)) {
            for (Path dir : entries.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(p)).toList()) {
                if (isOrphan(dir)) {
                    EmbeddedPostgres.deleteTree(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Sweeping is a courtesy; a failure must not stop a server from starting.
        }
    }

    private static boolean isOrphan(Path dir) throws IOException {
        Path owner = dir.resolve(OWNER_FILE);
        if (!Files.isRegularFile(owner)) {
            return false;
        }
        if (alive(Files.readString(owner).trim())) {
            return false;
        }
        Path postmaster = dir.resolve("data").resolve("postmaster.pid");
        return !Files.isRegularFile(postmaster) || !alive(Files.readAllLines(postmaster).get(0).trim());
    }

    private static boolean alive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true;
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
