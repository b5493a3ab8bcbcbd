package io.pgcarry.backup;

import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** An archive stored as a directory: the manifest, its checksum and {@code data/}. */
final class DirectoryArchive implements Archive {
    private final Path root;

    DirectoryArchive(Path root) {
        this.root = root;
    }

    /**
     * Refuses an archive directory holding symbolic links, naming them: a link could make restore read (and a tampered
     * manifest vouch for) any file the restoring user can read. pgcarry backup never writes links.
     */
    static void refuseLinks(Path root) {
        List<String> links = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (!file.equals(root) && Files.isSymbolicLink(file)) {
                    links.add(root.relativize(file).toString());
                }
            }
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot list archive " + root + ": " + e.getMessage(), e);
        }
        if (!links.isEmpty()) {
            throw new ArchiveException("archive " + root + " holds symbolic link(s) " + String.join(", ", links)
                    + ", which pgcarry backup never writes; they are not followed: replace them by the files themselves");
        }
    }

    @Override
    public Path location() {
        return root;
    }

    @Override
    public Map<String, Long> entries() {
        Map<String, Long> entries = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    entries.put(root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/"), Files.size(file));
                }
            }
            return entries;
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot list archive " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String name) throws IOException {
        return Files.newInputStream(root.resolve(name), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void close() {
        // Nothing is held open.
    }
}
