package io.pgcarry.migrate.checksum;

import java.io.ByteArrayOutputStream;

/**
 * The LF and CRLF forms of a file's bytes. Git's {@code core.autocrlf} and editors convert between them, which is
 * the commonest reason a checksum changes while the SQL does not.
 */
public final class LineEndings {
    private LineEndings() {
    }

    /** The bytes with every CR LF pair turned into LF; a CR alone is left as it is. */
    public static byte[] toLf(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length);
        for (int i = 0; i < content.length; i++) {
            boolean crBeforeLf = content[i] == '\r' && i + 1 < content.length && content[i + 1] == '\n';
            if (!crBeforeLf) {
                out.write(content[i]);
            }
        }
        return out.toByteArray();
    }

    /** The bytes with every LF that has no CR before it turned into CR LF. */
    public static byte[] toCrlf(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + content.length / 16);
        for (int i = 0; i < content.length; i++) {
            if (content[i] == '\n' && (i == 0 || content[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(content[i]);
        }
        return out.toByteArray();
    }
}
