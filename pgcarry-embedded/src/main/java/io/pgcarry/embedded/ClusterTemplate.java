package io.pgcarry.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A data directory made by initdb once per installation of the binaries, beside it in the cache, and copied for each
 * new server. initdb bootstraps the catalogs in a server of its own, which costs several times what copying its
 * result does; tests start a server per class, so this is most of what a start costs. The template is made in a
 * staging directory under a file lock and renamed into place, so parallel JVMs never copy half of one; its name
 * carries the server user and initdb's arguments, so a change of either makes a new one.
 */
final class ClusterTemplate {
    /** One JVM's starts take the file lock in turn (the lock itself is held per JVM, not per thread). */
    private static final Object IN_THIS_JVM = new Object();

    private final ServerUser user;
    private final Path install;
    private final Path template;

    ClusterTemplate(ServerUser user, Path install) {
        this.user = user;
        this.install = install;
        String key = user.name() + "-" + InitDb.fingerprint();
        this.template = install.resolveSibling(install.getFileName() + ".cluster-" + key);
    }

    /**
     * Fills {@code layout}'s data directory: a copy of the template, made first if need be. When the cache cannot hold
     * a template (not writable, say), initdb runs into the data directory itself, as it would without one.
     */
    void createCluster(ServerLayout layout, Consumer<Process> initdb) {
        Path data;
        try {
            data = templateData(initdb);
        } catch (IOException e) {
            new InitDb(user, install).run(layout.base(), layout.data(), initdb);
            return;
        }
        try {
            copyTree(data, layout.data());
        } catch (IOException e) {
            throw new EmbeddedPostgresException("cannot copy the initialized cluster " + data + ": " + e.getMessage(), e);
        }
        user.takeOwnership(layout.base());
    }

    private Path templateData(Consumer<Process> initdb) throws IOException {
        Path data = template.resolve("data");
        if (Files.isRegularFile(data.resolve("PG_VERSION"))) {
            return data;
        }
        synchronized (IN_THIS_JVM) {
            try (FileChannel lockFile = FileChannel.open(template.resolveSibling(template.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                if (!Files.isRegularFile(data.resolve("PG_VERSION"))) {
                    removeStaleStaging();
                    Path staging = Files.createTempDirectory(template.getParent(), template.getFileName() + ".part-");
                    new InitDb(user, install).run(staging, staging.resolve("data"), initdb);
                    Files.move(staging, template, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
        return data;
    }

    /** Staging directories of a start that died while holding the lock (which this JVM holds now). */
    private void removeStaleStaging() throws IOException {
        String prefix = template.getFileName() + ".part-";
        try (Stream<Path> siblings = Files.list(template.getParent())) {
            for (Path stale : siblings.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                EmbeddedPostgres.deleteTree(stale);
            }
        }
    }

    /** Copies a tree with its permissions (a data directory must stay private to its owner). */
    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(dir).toString());
                if (!Files.isDirectory(target)) {
                    Files.copy(dir, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
