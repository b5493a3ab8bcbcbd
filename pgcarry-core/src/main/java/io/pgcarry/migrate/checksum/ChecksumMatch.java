package io.pgcarry.migrate.checksum;

import java.util.function.Function;

/** How a checksum a tool recorded compares with the one recomputed from the file on disk. */
public enum ChecksumMatch {
    /** The file's bytes give the recorded checksum. */
    EQUAL,
    /** Only the file's LF or CRLF form gives the recorded checksum: line endings changed, the SQL did not. */
    LINE_ENDINGS_ONLY,
    /** Neither the file nor its LF or CRLF form gives the recorded checksum: the file was edited. */
    DIFFERENT,
    /** The recorded checksum is absent or of a kind that cannot be recomputed (an older algorithm version). */
    UNKNOWN;

    /**
     * Compares {@code recorded} with {@code checksum} of the content, then of its LF and its CRLF form.
     *
     * @param checksum the tool's checksum of a whole file's bytes
     */
    public static ChecksumMatch of(String recorded, byte[] content, Function<byte[], String> checksum) {
        if (recorded == null) {
            return UNKNOWN;
        }
        if (recorded.equals(checksum.apply(content))) {
            return EQUAL;
        }
        if (recorded.equals(checksum.apply(LineEndings.toLf(content)))
                || recorded.equals(checksum.apply(LineEndings.toCrlf(content)))) {
            return LINE_ENDINGS_ONLY;
        }
        return DIFFERENT;
    }
}
