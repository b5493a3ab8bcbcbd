package io.pgcarry.backup;

import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import io.pgcarry.error.Setting;
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
 * Lays out an archive: data files are written into a hidden work directory of this run's own, the manifest, its
 * checksum and signature last, everything is forced to disk, then the directory is renamed into place (or packed into
 * one tar file). The archive's name is locked meanwhile ({@link TargetLock}). Until then nothing carries the
 * archive's name, so a failed or killed backup is never mistaken for a complete one.
 */
final class ArchiveWriter {
    static final String DATA = "data";

    private final Path out;
    private final Path work;
    private final Path destination;
    private final boolean oneFile;
    private final String nonce;
    private final TargetLock lock;
    private final SigningKey signKey;

    private ArchiveWriter(Path out, Path destination, boolean oneFile, String nonce, TargetLock lock, SigningKey signKey) {
        this.out = out;
        this.destination = destination;
        this.oneFile = oneFile;
        this.nonce = nonce;
        this.lock = lock;
        this.signKey = signKey;
        this.work = out.resolve(WorkDirectories.privateName(destination.getFileName().toString(), nonce, "partial"));
    }

    /**
     * Removes what dead backups left in {@code out}, locks the archive's name and creates this run's private work
     * directory; {@code signKey} (null for none) signs the manifest.
     */
    static ArchiveWriter start(Path out, String file, String database, String createdAt, SigningKey signKey) {
        WorkDirectories.removeDead(out);
        String stamp = createdAt.replace("-", "").replace(":", "");
        String name = database.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + stamp;
        Path destination;
        TargetLock lock;
        if (file != null) {
            destination = out.resolve(file);
            lock = TargetLock.lock(out, file);
            try {
                refuseExisting(out, file);
            } catch (RuntimeException e) {
                lock.close();
                throw e;
            }
        } else {
            for (int n = 1; ; n++) {
                destination = out.resolve(n == 1 ? name : name + "-" + n);
                lock = Files.exists(destination) ? null : TargetLock.tryLock(out, destination.getFileName().toString());
                if (lock != null && !Files.exists(destination)) {
                    break;
                }
                if (lock != null) {
                    lock.close();
                }
            }
        }
        ArchiveWriter writer = new ArchiveWriter(out, destination, file != null, WorkDirectories.nonce(), lock, signKey);
        try {
            Files.createDirectories(writer.work.resolve(DATA));
        } catch (IOException e) {
            lock.close();
            throw new PgCarryException(ErrorCode.IO, "cannot create " + writer.work + ": " + e.getMessage(), e);
        }
        return writer;
    }

    /** Never overwrites an archive file. */
    static void refuseExisting(Path out, String file) {
        if (file != null && Files.exists(out.resolve(file))) {
            throw new ConfigurationException("archive file " + out.resolve(file) + " already exists; choose another " + Setting.FILE.mention() + " name or remove it");
        }
    }

    /** Where data files are written, by their archive names. */
    Path root() {
        return work;
    }

    /**
     * Writes the manifest, its checksum and signature, forces everything to disk and only then puts the archive in
     * place; returns where it is.
     */
    Path finish(Manifest manifest) {
        try {
            byte[] json = ManifestCodec.toJson(manifest);
            Files.write(work.resolve(Manifest.FILE), json);
            Files.write(work.resolve(Manifest.CHECKSUM_FILE), ManifestCodec.checksumLine(json));
            if (signKey != null) {
                Files.write(work.resolve(ArchiveSignature.FILE), ArchiveSignature.line(signKey, json));
            }
            WorkDirectories.sync(work);
            if (oneFile) {
                Path packing = packing();
                pack(manifest, packing);
                WorkDirectories.sync(packing);
                Files.move(packing, destination, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(work);
            } else {
                Files.move(work, destination, StandardCopyOption.ATOMIC_MOVE);
            }
            WorkDirectories.syncDirectory(out);
            return destination;
        } catch (FileAlreadyExistsException e) {
            throw new ConfigurationException("archive " + destination + " appeared while the backup ran; nothing was overwritten");
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot write archive " + destination + ": " + e.getMessage(), e);
        } finally {
            lock.close();
        }
    }

    /** Removes the work directory of a failed backup. */
    void abandon() {
        try {
            deleteTree(work);
            Files.deleteIfExists(packing());
        } catch (IOException ignored) {
            // A leftover hidden directory is harmless: it never carries an archive's name, and the next backup removes it.
        } finally {
            lock.close();
        }
    }

    private Path packing() {
        return out.resolve(WorkDirectories.privateName(destination.getFileName().toString(), nonce, "packing"));
    }

    /** The manifest first, so a reader learns what to expect before the data. */
    private void pack(Manifest manifest, Path packing) throws IOException {
        List<String> names = new ArrayList<>(List.of(Manifest.FILE, Manifest.CHECKSUM_FILE));
        if (signKey != null) {
            names.add(ArchiveSignature.FILE);
        }
        names.addAll(manifest.files());
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
