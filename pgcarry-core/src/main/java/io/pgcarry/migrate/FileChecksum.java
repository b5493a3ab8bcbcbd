package io.pgcarry.migrate;

import java.util.List;

/**
 * A tool's checksum of one migration file, three ways: of the file as it is, of its content with every CRLF made LF,
 * and of that content with every LF made CRLF. Each way may have several renderings that the tool counts as the same
 * checksum (Prisma once wrote its hex without zero-padding; Drizzle has hashed both the raw and the LF form); the first
 * is the one shown. A ledger's checksum that matches only the LF or the CRLF form tells a change of line endings apart
 * from a change of content.
 *
 * @param asIs the checksum of the file as it is on disk, as the tool computes it today (first), and its other renderings
 * @param lf   the checksum of the content with line endings LF
 * @param crlf the checksum of the content with line endings CRLF
 */
public record FileChecksum(List<String> asIs, List<String> lf, List<String> crlf) {
    /** How a recorded checksum relates to the file. */
    public enum Match {
        /** It is the file's checksum. */
        SAME,
        /** It is the checksum of the file with LF line endings: the file's line endings became CRLF since. */
        LF_FORM,
        /** It is the checksum of the file with CRLF line endings: the file's line endings became LF since. */
        CRLF_FORM,
        /** It is something else: the content changed. */
        DIFFERENT
    }

    public FileChecksum {
        asIs = List.copyOf(asIs);
        lf = List.copyOf(lf);
        crlf = List.copyOf(crlf);
        if (asIs.isEmpty() || lf.isEmpty() || crlf.isEmpty()) {
            throw new IllegalArgumentException("every form needs at least one checksum");
        }
    }

    /** A checksum with one rendering per form. */
    public static FileChecksum of(String asIs, String lf, String crlf) {
        return new FileChecksum(List.of(asIs), List.of(lf), List.of(crlf));
    }

    /** The checksum shown for the file: the tool's own, of the file as it is. */
    public String shown() {
        return asIs.get(0);
    }

    /** How {@code recorded} (a ledger's checksum, as the tool wrote it) relates to this file. */
    public Match match(String recorded) {
        if (asIs.contains(recorded)) {
            return Match.SAME;
        }
        if (lf.contains(recorded)) {
            return Match.LF_FORM;
        }
        return crlf.contains(recorded) ? Match.CRLF_FORM : Match.DIFFERENT;
    }
}
