package io.pgcarry.migrate.checksum;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;

/**
 * The MD5SUM Liquibase 4.x stores in {@code databasechangelog.md5sum} for a change set of a formatted SQL
 * changelog: {@code 9:} (Liquibase 4.24 and later) and {@code 8:} (earlier 4.x).
 *
 * <p>Facts relied on, read in {@code liquibase-standard/src/main/java/liquibase/}:
 * <ul>
 * <li>{@code changelog/ChangeSet.generateCheckSum}: the change set's checksum is {@code CheckSum.compute(String)} of
 * the concatenation of each change's checksum text followed by {@code :} (and each SQL visitor's followed by
 * {@code ;}, which formatted SQL has none of). A formatted SQL change set has exactly one change, a
 * {@code RawSQLChange}, so the stored value is {@code V:md5("V:" + md5(sql form) + ":")}.</li>
 * <li>{@code change/CheckSum}: a checksum prints as {@code version:hex}; {@code compute(String)} hashes the UTF-8
 * bytes after unifying line endings, dropping U+FFFD and NFC normalisation (all no-ops on {@code "9:hex:"});
 * {@code util/MD5Util} and {@code checksums/HashingUtil} print MD5 as 32 lower-case hex digits.</li>
 * <li>{@code change/AbstractSQLChange.generateCheckSum}, version 9: MD5 of the SQL's UTF-8 bytes read through
 * {@code NormalizingStream}, which drops every space, tab, CR and LF. Nothing else (not splitStatements,
 * stripComments or endDelimiter) enters it.</li>
 * <li>Version 8 ({@code change/NormalizingStreamV8}, the 4.x {@code AbstractSQLChange.NormalizingStream}): MD5 of
 * the text {@code endDelimiter + ":" + splitStatements + ":" + stripComments + ":"} (Java's {@code null},
 * {@code true}, {@code false}) followed by the SQL's bytes with leading and trailing whitespace dropped and every run
 * of spaces, tabs, CRs and LFs turned into one space.</li>
 * </ul>
 * Both forms were checked against Liquibase 4.33.0's own {@code ChangeSet.generateCheckSum(ChecksumVersion)} on the
 * test changelogs. Not covered: checksums of versions 7 and older (Liquibase 3.x), a change set with
 * {@code runWith:} whose executor rewrote splitStatements before a v8 checksum, and changelog properties
 * ({@link LiquibaseChangeSet#usesProperties()}). Since Liquibase reads changelogs line by line, a change of line
 * endings alone never changes these checksums.
 */
public final class LiquibaseChecksum {
    private LiquibaseChecksum() {
    }

    /** The checksum version of a stored MD5SUM ({@code 9} of {@code 9:abc...}); 1 when it has no version prefix. */
    public static int version(String stored) {
        int colon = stored.indexOf(':');
        if (colon <= 0 || !stored.substring(0, colon).chars().allMatch(Character::isDigit)) {
            return 1;
        }
        return Integer.parseInt(stored.substring(0, colon));
    }

    /** Whether pgcarry can recompute a checksum of this version (8 and 9). */
    public static boolean supports(int version) {
        return version == 8 || version == 9;
    }

    /** The MD5SUM of the given version (8 or 9) as Liquibase stores it, such as {@code 9:0a1b...}. */
    public static String checksum(LiquibaseChangeSet changeSet, int version) {
        String change = switch (version) {
            case 9 -> "9:" + Digests.md5Hex(withoutWhitespace(changeSet.sql().getBytes(UTF_8)));
            case 8 -> "8:" + Digests.md5Hex(v8Header(changeSet), collapsedWhitespace(changeSet.sql().getBytes(UTF_8)));
            default -> throw new IllegalArgumentException("Liquibase checksum version " + version
                    + " cannot be recomputed; only 8 and 9 can");
        };
        return version + ":" + Digests.md5Hex((change + ":").getBytes(UTF_8));
    }

    /** The checksum Liquibase 4.24 and later stores. */
    public static String v9(LiquibaseChangeSet changeSet) {
        return checksum(changeSet, 9);
    }

    /** The checksum Liquibase 4.0 to 4.23 stored. */
    public static String v8(LiquibaseChangeSet changeSet) {
        return checksum(changeSet, 8);
    }

    /**
     * Compares a stored MD5SUM with the change set, recomputed in the stored value's version. A stored value
     * listed in the change set's {@code --validCheckSum} lines (or {@code ANY} there) counts as equal, as Liquibase
     * accepts it.
     */
    public static ChecksumMatch match(String stored, LiquibaseChangeSet changeSet) {
        if (stored == null || stored.isBlank()) {
            return ChecksumMatch.UNKNOWN;
        }
        List<String> valid = changeSet.validCheckSums();
        if (valid.contains(stored) || valid.stream().anyMatch("ANY"::equalsIgnoreCase)) {
            return ChecksumMatch.EQUAL;
        }
        int version = version(stored);
        if (!supports(version)) {
            return ChecksumMatch.UNKNOWN;
        }
        return stored.equals(checksum(changeSet, version)) ? ChecksumMatch.EQUAL : ChecksumMatch.DIFFERENT;
    }

    /**
     * Compares a stored MD5SUM with the change set {@code id} by {@code author} of a changelog's bytes, also in
     * the changelog's LF and CRLF forms: {@link ChecksumMatch#DIFFERENT} also when the change set is gone.
     */
    public static ChecksumMatch match(String stored, String recordedPath, byte[] changelog, String id,
            String author) {
        if (stored == null || stored.isBlank() || !supports(version(stored))) {
            return ChecksumMatch.UNKNOWN;
        }
        Optional<LiquibaseChangeSet> asWritten = find(recordedPath, changelog, id, author);
        if (asWritten.isPresent() && match(stored, asWritten.get()) == ChecksumMatch.EQUAL) {
            return ChecksumMatch.EQUAL;
        }
        int version = version(stored);
        return ChecksumMatch.of(stored, changelog,
                bytes -> find(recordedPath, bytes, id, author).map(found -> checksum(found, version)).orElse(null));
    }

    private static Optional<LiquibaseChangeSet> find(String recordedPath, byte[] changelog, String id,
            String author) {
        return LiquibaseFormattedSql.parse(recordedPath, changelog).stream()
                .filter(changeSet -> changeSet.id().equals(id) && changeSet.author().equals(author))
                .findFirst();
    }

    private static byte[] v8Header(LiquibaseChangeSet changeSet) {
        return (changeSet.endDelimiter() + ":" + changeSet.splitStatements() + ":" + changeSet.stripComments() + ":")
                .getBytes(UTF_8);
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private static byte[] withoutWhitespace(byte[] sql) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sql.length);
        for (byte b : sql) {
            if (!isWhitespace(b)) {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static byte[] collapsedWhitespace(byte[] sql) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sql.length);
        boolean pendingSpace = false;
        for (byte b : sql) {
            if (isWhitespace(b)) {
                pendingSpace = out.size() > 0;
            } else {
                if (pendingSpace) {
                    out.write(' ');
                    pendingSpace = false;
                }
                out.write(b);
            }
        }
        return out.toByteArray();
    }
}
