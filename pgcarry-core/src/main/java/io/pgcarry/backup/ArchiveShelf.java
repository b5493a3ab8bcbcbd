package io.pgcarry.backup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A directory of archives, as {@code backup --out} fills it: lists them newest first and remembers, beside each
 * archive, the outcome of its last verification (outside the archive, so the archive's own files never change), which
 * counts only for the manifest and files it verified.
 */
public final class ArchiveShelf {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final String RECORD_SUFFIX = ".verify.json";

    /**
     * The last verification of an archive, keyed by what it verified: the SHA-256 of the manifest and a stamp of the
     * archive's files (names, sizes, modification times). It counts only while both still hold.
     */
    public record VerifyRecord(String verifiedAt, boolean deep, boolean passed, String firstProblem, String manifestSha256,
                               String stamp) {
    }

    /**
     * One archive on the shelf.
     *
     * @param archive    where it is
     * @param createdAt  when its snapshot was taken
     * @param database   the database it holds
     * @param bytes      its size
     * @param tables     tables in it
     * @param rows       rows in it
     * @param lastVerify its last verification, or null when never verified
     * @param unreadable why its manifest cannot be read, or null
     */
    public record Entry(Path archive, String createdAt, String database, long bytes, int tables, long rows, VerifyRecord lastVerify,
                        String unreadable) {
    }

    private ArchiveShelf() {
    }

    /** Archives in {@code directory}, newest first; unfinished (hidden) work directories are left out. */
    public static List<Entry> list(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new ConfigurationException("backup directory " + directory + " does not exist");
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> children = Files.list(directory)) {
            for (Path child : children.sorted().toList()) {
                String name = child.getFileName().toString();
                boolean candidate = !name.startsWith(".") && (Files.isDirectory(child) && Files.exists(child.resolve(Manifest.FILE))
                        || Files.isRegularFile(child) && name.endsWith(BackupRequest.FILE_SUFFIX));
                if (candidate) {
                    entries.add(entry(child));
                }
            }
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot list " + directory + ": " + e.getMessage(), e);
        }
        entries.sort(Comparator.comparing((Entry e) -> e.createdAt() == null ? "" : e.createdAt()).reversed()
                .thenComparing(e -> e.archive().getFileName().toString(), Comparator.reverseOrder()));
        return entries;
    }

    /** The archive to restore from a path: the path itself, or the newest archive of a directory of archives. */
    public static Path resolve(Path path) {
        if (Files.isDirectory(path) && !Files.exists(path.resolve(Manifest.FILE)) && !Files.exists(path.resolve(Manifest.CHECKSUM_FILE))) {
            List<Entry> entries = list(path).stream().filter(e -> e.unreadable() == null).toList();
            if (entries.isEmpty()) {
                throw new ConfigurationException(path + " holds no pgcarry archive; give an archive or a directory written by pgcarry backup");
            }
            return entries.get(0).archive();
        }
        return path;
    }

    public static void record(Verification verification) {
        VerifyRecord record = new VerifyRecord(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), verification.deep(),
                verification.passed(), verification.problems().isEmpty() ? null : verification.problems().get(0),
                manifestSha256(verification.archive()), stamp(verification.archive()));
        Path file = recordOf(verification.archive());
        try {
            Files.write(file, JSON.writeValueAsBytes(record));
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static Path recordOf(Path archive) {
        Path absolute = archive.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + RECORD_SUFFIX);
    }

    /** The SHA-256 of an archive's manifest as it is now, or null when it cannot be read. */
    static String manifestSha256(Path path) {
        try (Archive archive = Archive.open(path)) {
            return Sha256.of(archive.read(Manifest.FILE));
        } catch (PgCarryException | IOException e) {
            return null;
        }
    }

    /** What changes when any file of the archive is replaced, resized or rewritten, read without reading the data. */
    static String stamp(Path path) {
        StringBuilder stamp = new StringBuilder();
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted().toList()) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    stamp.append(path.relativize(file)).append(' ').append(Files.size(file)).append(' ')
                            .append(Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis()).append('\n');
                }
            }
        } catch (IOException e) {
            return "unreadable";
        }
        return Sha256.of(stamp.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Entry entry(Path path) {
        VerifyRecord last = null;
        try {
            Path record = recordOf(path);
            if (Files.exists(record)) {
                last = JSON.readValue(record.toFile(), VerifyRecord.class);
                // A record of another manifest, or of files changed since, says nothing about this archive.
                String sha = manifestSha256(path);
                if (last.manifestSha256() == null || !last.manifestSha256().equals(sha) || !stamp(path).equals(last.stamp())) {
                    last = null;
                }
            }
        } catch (IOException ignored) {
            // A broken record only means the last verification is unknown.
        }
        try (Archive archive = Archive.open(path)) {
            Manifest manifest = ManifestCodec.fromJson(archive.read(Manifest.FILE), path + "!" + Manifest.FILE);
            return new Entry(path, manifest.createdAt(), manifest.source().database(), Backup.sizeOf(path), manifest.tables().size(),
                    manifest.rows(), last, null);
        } catch (PgCarryException | IOException e) {
            return new Entry(path, null, null, Backup.sizeOf(path), 0, 0, last, e.getMessage());
        }
    }
}
