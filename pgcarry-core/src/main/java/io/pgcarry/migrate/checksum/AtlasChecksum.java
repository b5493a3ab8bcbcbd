package io.pgcarry.migrate.checksum;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Atlas's hashes of a versioned migration directory, as {@code atlas migrate hash} writes them to
 * {@code atlas.sum} and {@code atlas migrate apply} stores them in {@code atlas_schema_revisions.hash}.
 *
 * <p>Facts relied on, read in {@code ariga/atlas}, {@code sql/migrate/dir.go}:
 * <ul>
 * <li>{@code LocalDir.Files}: the migration files are the directory's top-level {@code *.sql} files, in byte order
 * of their names.</li>
 * <li>{@code NewHashFile}: one SHA-256 runs over the whole directory; for each file in order it takes the file's
 * name, then (unless the file's first line holds the directive {@code atlas:sum ignore}) the file's raw bytes, and the
 * file's hash is the Base64 of the digest so far. A file's hash so covers every file before it: one edited file
 * changes its own hash and every later one. An ignored file gets no line, but its name still enters the chain.</li>
 * <li>{@code HashFile.Sum}: the total is the Base64 SHA-256 of every line's name followed by its hash text.</li>
 * <li>{@code Validate}: a directory matches its sum file when the recomputed total equals the file's; a directory
 * with migration files and no {@code atlas.sum} is an error.</li>
 * <li>{@code migrate.go}, {@code Executor.Execute}: a revision's {@code hash} is the file's hash taken from the
 * directory's checksum ({@code SumByName}), without {@code h1:}.</li>
 * </ul>
 * Not recomputed: {@code partial_hashes}, which hash the statements as Atlas's own SQL splitter cuts them.
 */
public final class AtlasChecksum {
    // dir.go's reDirective; ^ is the start of the file, and [ -~] keeps the match to the first line.
    private static final Pattern DIRECTIVE = Pattern.compile("^([ -~]*)atlas:(\\w+)(?: +([ -~]*))*");
    private static final Comparator<String> BYTE_ORDER =
            (a, b) -> Arrays.compareUnsigned(a.getBytes(UTF_8), b.getBytes(UTF_8));

    private AtlasChecksum() {
    }

    /** The sum file Atlas would write for these migration files (name to raw bytes; any order). */
    public static AtlasSumFile compute(Map<String, byte[]> files) {
        MessageDigest chain = Digests.newDigest("SHA-256");
        List<AtlasSumFile.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : sorted(files).entrySet()) {
            chain.update(file.getKey().getBytes(UTF_8));
            if (isSumIgnored(file.getValue())) {
                continue;
            }
            chain.update(file.getValue());
            entries.add(new AtlasSumFile.Entry(file.getKey(), Digests.base64(digestSoFar(chain))));
        }
        return new AtlasSumFile(total(entries), entries);
    }

    /**
     * One file's hash in the chain: as Atlas computes it, and as it would be with only this file's line endings made LF
     * or CRLF (every earlier file as it is). Comparing a recorded hash with these tells an edit of this very file, or a
     * change of its line endings, from a change of an earlier file, which changes every later hash.
     */
    public record ChainedHash(String name, String asIs, String lf, String crlf) {
    }

    /** Every hashed file's {@link ChainedHash}, in Atlas's order; a file marked {@code atlas:sum ignore} has none. */
    public static List<ChainedHash> chain(Map<String, byte[]> files) {
        MessageDigest chain = Digests.newDigest("SHA-256");
        List<ChainedHash> hashes = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : sorted(files).entrySet()) {
            chain.update(file.getKey().getBytes(UTF_8));
            if (isSumIgnored(file.getValue())) {
                continue;
            }
            String lf = Digests.base64(digestWith(chain, LineEndings.toLf(file.getValue())));
            String crlf = Digests.base64(digestWith(chain, LineEndings.toCrlf(file.getValue())));
            chain.update(file.getValue());
            hashes.add(new ChainedHash(file.getKey(), Digests.base64(digestSoFar(chain)), lf, crlf));
        }
        return hashes;
    }

    /** The total of the sum file's lines: Base64 of SHA-256 over each name then its hash text. */
    public static String total(List<AtlasSumFile.Entry> entries) {
        MessageDigest sum = Digests.newDigest("SHA-256");
        for (AtlasSumFile.Entry entry : entries) {
            sum.update(entry.name().getBytes(UTF_8));
            sum.update(entry.hash().getBytes(UTF_8));
        }
        return Digests.base64(sum.digest());
    }

    /** The migration files of a directory: its top-level {@code *.sql} files by name. */
    public static Map<String, byte[]> readDirectory(Path directory) {
        try (Stream<Path> children = Files.list(directory)) {
            Map<String, byte[]> files = new TreeMap<>(BYTE_ORDER);
            for (Path child : children.filter(Files::isRegularFile).toList()) {
                String name = child.getFileName().toString();
                if (name.endsWith(".sql")) {
                    files.put(name, Files.readAllBytes(child));
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration directory " + directory, e);
        }
    }

    /** Checks a directory against its {@code atlas.sum}, as {@code atlas migrate validate} does, naming differences. */
    public static AtlasVerification verify(Path directory) {
        Map<String, byte[]> files = readDirectory(directory);
        Path sumPath = directory.resolve(AtlasSumFile.FILE_NAME);
        if (!Files.isRegularFile(sumPath)) {
            return AtlasVerification.withoutSumFile(compute(files));
        }
        try {
            return AtlasVerification.of(AtlasSumFile.parse(Files.readString(sumPath, UTF_8)), compute(files));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sumPath, e);
        }
    }

    /**
     * Compares the hash a revision recorded for {@code fileName} with the directory's, then with the directory's
     * with every file in LF form and in CRLF form (a chained hash changes when any earlier file changes, so line
     * endings are unified across the whole directory).
     */
    public static ChecksumMatch match(String recordedHash, String fileName, Map<String, byte[]> files) {
        if (recordedHash == null || recordedHash.isEmpty()) {
            return ChecksumMatch.UNKNOWN;
        }
        String recorded = recordedHash.startsWith("h1:") ? recordedHash.substring(3) : recordedHash;
        if (recorded.equals(hashOf(fileName, files, UnaryOperator.identity()))) {
            return ChecksumMatch.EQUAL;
        }
        if (recorded.equals(hashOf(fileName, files, LineEndings::toLf))
                || recorded.equals(hashOf(fileName, files, LineEndings::toCrlf))) {
            return ChecksumMatch.LINE_ENDINGS_ONLY;
        }
        return ChecksumMatch.DIFFERENT;
    }

    /** Whether the file's first line is an {@code atlas:sum ignore} directive. */
    static boolean isSumIgnored(byte[] content) {
        Matcher directive = DIRECTIVE.matcher(new String(content, UTF_8));
        return directive.find() && "sum".equals(directive.group(2))
                && "ignore".equals(Objects.requireNonNullElse(directive.group(3), ""));
    }

    private static String hashOf(String fileName, Map<String, byte[]> files, UnaryOperator<byte[]> form) {
        Map<String, byte[]> converted = new TreeMap<>(BYTE_ORDER);
        files.forEach((name, bytes) -> converted.put(name, form.apply(bytes)));
        return compute(converted).hashOf(fileName).orElse(null);
    }

    private static Map<String, byte[]> sorted(Map<String, byte[]> files) {
        Map<String, byte[]> sorted = new TreeMap<>(BYTE_ORDER);
        sorted.putAll(files);
        return sorted;
    }

    private static byte[] digestWith(MessageDigest chain, byte[] more) {
        try {
            MessageDigest copy = (MessageDigest) chain.clone();
            copy.update(more);
            return copy.digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 of this Java runtime cannot be cloned", e);
        }
    }

    private static byte[] digestSoFar(MessageDigest chain) {
        try {
            // Go's hash.Sum(nil) reads the digest without ending it; a clone does the same here.
            return ((MessageDigest) chain.clone()).digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 of this Java runtime cannot be cloned", e);
        }
    }
}
