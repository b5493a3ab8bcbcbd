package io.pgcarry.backup;

import io.pgcarry.report.Counts;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an archive without a database: the manifest against its own checksum, then every data file and large
 * object's file against the manifest (present, full size, same SHA-256), and no file the manifest does not list. A
 * deep check also decompresses every file and counts its rows and fields (hashes a large object's content), in the
 * same read as the checksum.
 */
public final class ArchiveVerifier {
    private ArchiveVerifier() {
    }

    public static Verification verify(Archive archive, boolean deep) {
        return verify(archive, deep, null);
    }

    /**
     * Also checks the manifest against itself and every schema statement against what pgcarry writes; with a
     * {@code key}, the archive must be signed with it.
     */
    public static Verification verify(Archive archive, boolean deep, SigningKey key) {
        long started = System.nanoTime();
        List<String> problems = new ArrayList<>();
        Map<String, Long> entries = archive.entries();
        byte[][] json = new byte[1][];
        Manifest manifest = trustedManifest(archive, entries, problems, json);
        if (manifest == null) {
            return new Verification(archive.location(), deep, problems, 0, 0, 0, null, seconds(started), null);
        }
        ArchiveSignature.Check signature = ArchiveSignature.check(signatureFile(archive, entries), json[0], key);
        if (signature.problem() != null) {
            problems.add(signature.problem());
        }
        problems.addAll(ManifestChecks.problems(manifest));
        problems.addAll(ArchiveStatements.problems(manifest, json[0], signature.origin() == ArchiveSignature.Origin.SIGNED_AND_MATCHES));
        FileTally tally = new FileTally(archive, entries, deep, problems);
        tally.dataFiles(manifest);
        tally.largeObjects(manifest);
        tally.extras();
        return new Verification(archive.location(), deep, problems, tally.files, tally.bytes, tally.rows,
                problems.isEmpty() ? manifest : null, seconds(started), ArchiveSignature.describe(signature.origin()));
    }

    /**
     * The walk over the files the manifest lists, then over those it does not: counts what is present and whole, and
     * adds a problem for each file that is missing, of the wrong size, damaged or unexpected.
     */
    private static final class FileTally {
        private final Archive archive;
        private final Map<String, Long> entries;
        private final boolean deep;
        private final List<String> problems;
        /** The manifest's own files always belong; every listed data and large object file is added as it is met. */
        private final Set<String> expected = new HashSet<>(Set.of(Manifest.FILE, Manifest.CHECKSUM_FILE, ArchiveSignature.FILE));
        int files;
        long bytes;
        long rows;

        FileTally(Archive archive, Map<String, Long> entries, boolean deep, List<String> problems) {
            this.archive = archive;
            this.entries = entries;
            this.deep = deep;
            this.problems = problems;
        }

        void dataFiles(Manifest manifest) {
            for (Manifest.Table table : manifest.tables()) {
                for (Manifest.DataFile file : table.files()) {
                    expected.add(file.name());
                    if (!add(present(file.name(), file.bytes(), entries, "data of " + table.qualifiedName()))) {
                        continue;
                    }
                    files++;
                    bytes += file.bytes();
                    FileCheck check = check(archive, file, table.columns().size(), deep);
                    rows += check.rows();
                    add(check.problem());
                }
            }
        }

        void largeObjects(Manifest manifest) {
            for (Manifest.LargeObjectFile object : manifest.largeObjects()) {
                expected.add(object.file());
                if (add(present(object.file(), object.bytes(), entries, "large object " + object.oid()))) {
                    files++;
                    bytes += object.bytes();
                    add(LargeObjectCheck.check(archive, object, deep));
                }
            }
        }

        void extras() {
            for (String name : entries.keySet()) {
                if (!expected.contains(name)) {
                    problems.add(name + " is an extra file that the manifest does not list");
                }
            }
        }

        /** Records a problem if there is one; true when there was none. */
        private boolean add(String problem) {
            if (problem != null) {
                problems.add(problem);
            }
            return problem == null;
        }
    }

    /** Null when the file is there with the size the manifest states, else what is wrong with it. */
    private static String present(String name, long bytes, Map<String, Long> entries, String of) {
        Long size = entries.get(name);
        if (size == null) {
            return name + " is missing (" + of + ")";
        }
        if (size < bytes) {
            return name + " is truncated: " + size + " of " + bytes + " bytes";
        }
        return size > bytes ? name + " has " + size + " bytes where the manifest says " + bytes : null;
    }

    private static byte[] signatureFile(Archive archive, Map<String, Long> entries) {
        if (!entries.containsKey(ArchiveSignature.FILE)) {
            return null;
        }
        try {
            return archive.read(ArchiveSignature.FILE);
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot read " + archive.location() + ": " + e.getMessage(), e);
        }
    }

    /** The manifest, if its checksum holds; otherwise null with the reason in {@code problems}. */
    private static Manifest trustedManifest(Archive archive, Map<String, Long> entries, List<String> problems, byte[][] json) {
        if (!entries.containsKey(Manifest.FILE)) {
            problems.add(Manifest.FILE + " is missing");
            return null;
        }
        if (!entries.containsKey(Manifest.CHECKSUM_FILE)) {
            problems.add(Manifest.CHECKSUM_FILE + " is missing, so " + Manifest.FILE + " cannot be trusted");
            return null;
        }
        try {
            json[0] = archive.read(Manifest.FILE);
            String stated = ManifestCodec.statedChecksum(archive.read(Manifest.CHECKSUM_FILE));
            if (stated == null) {
                problems.add(Manifest.CHECKSUM_FILE + " is damaged: it does not hold a SHA-256 of " + Manifest.FILE);
                return null;
            }
            if (!stated.equals(Sha256.of(json[0]))) {
                problems.add(Manifest.FILE + " was changed after the backup: its SHA-256 differs from " + Manifest.CHECKSUM_FILE);
                return null;
            }
            return ManifestCodec.fromJson(json[0], archive.location() + "!" + Manifest.FILE);
        } catch (ArchiveException e) {
            problems.add(e.getMessage());
            return null;
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot read " + archive.location() + ": " + e.getMessage(), e);
        }
    }

    private record FileCheck(long rows, String problem) {
    }

    private static FileCheck check(Archive archive, Manifest.DataFile file, int columns, boolean deep) {
        try (InputStream raw = archive.open(file.name())) {
            Sha256.In hashed = new Sha256.In(raw);
            long rows = 0;
            String shape = null;
            if (deep) {
                try (InputStream data = Compression.ofFile(file.name()).decompress(new NonClosing(hashed))) {
                    RowCounter counter = new RowCounter(columns);
                    counter.count(data);
                    rows = counter.rows();
                    shape = counter.problem();
                } catch (IOException e) {
                    hashed.drain();
                    if (!matches(hashed.digest, file)) {
                        return new FileCheck(0, damaged(file));
                    }
                    return new FileCheck(0, file.name() + " cannot be decompressed: " + e.getMessage());
                }
            }
            hashed.drain();
            if (!matches(hashed.digest, file)) {
                return new FileCheck(rows, damaged(file));
            }
            if (shape != null) {
                return new FileCheck(rows, file.name() + ": " + shape);
            }
            if (deep && rows != file.rows()) {
                return new FileCheck(rows, file.name() + " holds " + Counts.of(rows, "row") + " where the manifest says " + file.rows());
            }
            return new FileCheck(rows, null);
        } catch (IOException e) {
            return new FileCheck(0, file.name() + " cannot be read: " + e.getMessage());
        }
    }

    private static boolean matches(MessageDigest digest, Manifest.DataFile file) {
        return Sha256.hex(digest).equals(file.sha256());
    }

    private static String damaged(Manifest.DataFile file) {
        return file.name() + " is damaged: its SHA-256 differs from the manifest";
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    /** Lets a decompressor be closed without closing the hashing stream under it, which must still be drained. */
    static final class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // The owner closes the underlying stream.
        }
    }
}
