package io.pgcarry.backup;

import io.pgcarry.error.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The files of one archive, wherever they are stored: a directory, or one {@code .pgcarry} file (a tar of the
 * same files). Entries are named with {@code /} and may be opened by several threads at once.
 */
public interface Archive extends AutoCloseable {
    /** Where the archive is. */
    Path location();

    /** Every stored file, by name, with its size in bytes. */
    Map<String, Long> entries();

    InputStream open(String name) throws IOException;

    @Override
    void close();

    /** Opens a directory archive or an archive file; anything else is refused with the reason. */
    static Archive open(Path path) {
        if (Files.isDirectory(path)) {
            if (!Files.exists(path.resolve(Manifest.FILE)) && !Files.exists(path.resolve(Manifest.CHECKSUM_FILE))) {
                throw new ArchiveException(path + " is not a pgcarry archive: it has no " + Manifest.FILE);
            }
            DirectoryArchive.refuseLinks(path);
            return new DirectoryArchive(path);
        }
        if (Files.isRegularFile(path)) {
            return TarArchive.open(path);
        }
        throw new ConfigurationException("archive " + path + " does not exist");
    }

    /** Reads a whole (small) entry. */
    default byte[] read(String name) throws IOException {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        }
    }
}
