package io.pgcarry.backup;

import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Lays out an archive: data files are written into a hidden work directory, the manifest and its checksum last,
 * then the directory is renamed into place (or packed into one tar file). Until then nothing carries the
 * archive's name, so a failed or killed backup is never mistaken for a complete one.
 */
final class ArchiveWriter {
    static final String DATA = "data";

    private final Path out;
    private final Path work;
    private final Path destination;
    private final boolean oneFile;

    private ArchiveWriter(Path out, Path work, Path destination, boolean oneFile) {
        this.out = out;
        this.work = work;
        this.destination = destination;
        this.oneFile = oneFile;
    }

    static ArchiveWriter start(Path out, String file, String database, String createdAt) {
        String stamp = createdAt.replace("-", "").replace(":", "");
        String name = database.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + stamp;
        Path destination;
        if (file != null) {
            destination = out.resolve(file);
            refuseExisting(out, file);
        } else {
            destination = out.resolve(name);
            for (int n = 2; Files.exists(destination); n++) {
                destination = out.resolve(name + "-" + n);
            }
        }
        Path work = out.resolve("." + destination.getFileName() + ".partial");
        try {
            deleteTree(work);
            Files.createDirectories(work.resolve(DATA));
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot create " + work + ": " + e.getMessage(), e);
        }
        return new ArchiveWriter(out, work, destination, file != null);
    }

    /** Never overwrites an archive file. */
    static void refuseExisting(Path out, String file) {
        if (file != null && Files.exists(out.resolve(file))) {
            throw new ConfigurationException("archive file " + out.resolve(file) + " already exists; choose another --file name or remove it");
        }
    }

    /** Where data files are written, by their archive names. */
    Path root() {
        return work;
    }

    /** Writes the manifest and its checksum and puts the archive in place; returns where it is. */
    Path finish(Manifest manifest) {
        try {
            byte[] json = ManifestCodec.toJson(manifest);
            Files.write(work.resolve(Manifest.FILE), json);
            Files.write(work.resolve(Manifest.CHECKSUM_FILE), ManifestCodec.checksumLine(json));
            if (oneFile) {
                Path packing = out.resolve("." + destination.getFileName() + ".packing");
                pack(manifest, packing);
                Files.move(packing, destination, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(work);
            } else {
                Files.move(work, destination, StandardCopyOption.ATOMIC_MOVE);
            }
            return destination;
        } catch (FileAlreadyExistsException e) {
            throw new ConfigurationException("archive " + destination + " appeared while the backup ran; nothing was overwritten");
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot write archive " + destination + ": " + e.getMessage(), e);
        }
    }

    /** Removes the work directory of a failed backup. */
    void abandon() {
        try {
            deleteTree(work);
            Files.deleteIfExists(out.resolve("." + destination.getFileName() + ".packing"));
        } catch (IOException ignored) {
            // A leftover hidden directory is harmless: it never carries an archive's name.
        }
    }

    /** The manifest first, so a reader learns what to expect before the data. */
    private void pack(Manifest manifest, Path packing) throws IOException {
        List<String> names = new ArrayList<>(List.of(Manifest.FILE, Manifest.CHECKSUM_FILE));
        manifest.tables().forEach(t -> t.files().forEach(f -> names.add(f.name())));
        try (OutputStream file = Files.newOutputStream(packing); TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (String name : names) {
                Path source = work.resolve(name);
                TarArchiveEntry entry = new TarArchiveEntry(name);
                entry.setSize(Files.size(source));
                entry.setModTime(Files.getLastModifiedTime(source));
                tar.putArchiveEntry(entry);
                Files.copy(source, tar);
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
