package io.pgcarry.migrate.tools;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in the renderings tools store, and a file's content with its line endings made LF or CRLF. */
final class FileHashes {
    private FileHashes() {
    }

    /** SHA-256 of {@code bytes} as 64 lower-case hex digits. */
    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }

    /**
     * SHA-256 of {@code bytes} with each byte in hex without zero-padding ({@code 0a} written {@code a}): how Prisma's
     * engine wrote checksums before it padded them, still found in old {@code _prisma_migrations} tables.
     */
    static String sha256HexUnpadded(byte[] bytes) {
        StringBuilder sb = new StringBuilder(64);
        for (byte b : sha256(bytes)) {
            sb.append(Integer.toHexString(b & 0xff));
        }
        return sb.toString();
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** {@code bytes} with every CRLF made LF; a lone CR stays (as Prisma and Drizzle replace only CRLF). */
    static byte[] lf(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            if (!(bytes[i] == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n')) {
                out.write(bytes[i]);
            }
        }
        return out.toByteArray();
    }

    /** {@code bytes} with every line ending CRLF: the LF form with each LF preceded by CR. */
    static byte[] crlf(byte[] bytes) {
        byte[] lf = lf(bytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream(lf.length + lf.length / 16);
        for (byte b : lf) {
            if (b == '\n') {
                out.write('\r');
            }
            out.write(b);
        }
        return out.toByteArray();
    }
}
