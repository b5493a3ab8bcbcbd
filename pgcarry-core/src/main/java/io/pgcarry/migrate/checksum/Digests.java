package io.pgcarry.migrate.checksum;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** The digests the tools use, over exact bytes, as lower-case hex or standard Base64. */
final class Digests {
    private Digests() {
    }

    static byte[] digest(String algorithm, byte[]... parts) {
        MessageDigest digest = newDigest(algorithm);
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide MD5, SHA-1 and SHA-256.
            throw new IllegalStateException(algorithm + " is missing from this Java runtime", e);
        }
    }

    static String md5Hex(byte[]... parts) {
        return HexFormat.of().formatHex(digest("MD5", parts));
    }

    static String sha1Hex(byte[]... parts) {
        return HexFormat.of().formatHex(digest("SHA-1", parts));
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
