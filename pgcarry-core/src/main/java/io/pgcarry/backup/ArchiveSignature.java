package io.pgcarry.backup;

import io.pgcarry.error.Setting;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The optional signature of an archive: {@value #FILE} holds an HMAC-SHA256 of the manifest (which holds the SHA-256
 * of every data file) made with a key only its owner has. The manifest's checksum shows an archive is intact; only a
 * signature shows it was written by someone who holds the key.
 */
final class ArchiveSignature {
    static final String FILE = "manifest.sig";
    private static final String SCHEME = "pgcarry-hmac-sha256";

    /** What was found out about an archive's origin. */
    enum Origin {
        /** Signed, and the signature matches the key given. */
        SIGNED_AND_MATCHES,
        /** Signed, but no key was given to check it. */
        SIGNED_NOT_CHECKED,
        /** Not signed, and no key was given. */
        UNSIGNED_NOT_CHECKED,
        /** A key was given and the signature is absent, damaged, of another key or does not match. */
        REFUSED
    }

    /** The outcome and, when refused, the reason. */
    record Check(Origin origin, String problem) {
    }

    private ArchiveSignature() {
    }

    static byte[] line(SigningKey key, byte[] manifestJson) {
        return (SCHEME + " key=" + key.id() + " " + key.sign(manifestJson) + "  " + Manifest.FILE + "\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Checks the signature file (null when the archive has none) against the manifest, with {@code key} (null when no
     * key was given: then nothing is required and nothing is checked).
     */
    static Check check(byte[] signatureFile, byte[] manifestJson, SigningKey key) {
        if (key == null) {
            return new Check(signatureFile == null ? Origin.UNSIGNED_NOT_CHECKED : Origin.SIGNED_NOT_CHECKED, null);
        }
        if (signatureFile == null) {
            return refused("the archive is not signed, and " + Setting.SIGN_KEY_FILE.mention() + " requires a signature: it was taken without "
                    + Setting.SIGN_KEY_FILE.mention() + ", or its " + FILE + " was removed");
        }
        List<String> parts = List.of(new String(signatureFile, StandardCharsets.US_ASCII).strip().split("\\s+"));
        if (parts.size() != 4 || !parts.get(0).equals(SCHEME) || !parts.get(1).startsWith("key=") || !parts.get(3).equals(Manifest.FILE)
                || !parts.get(2).matches("[0-9a-f]{64}")) {
            return refused(FILE + " is damaged: it does not hold a " + SCHEME + " signature of " + Manifest.FILE);
        }
        String keyId = parts.get(1).substring("key=".length());
        if (!keyId.equals(key.id())) {
            return refused("the archive was signed with another key (key id " + keyId + "; the " + Setting.SIGN_KEY_FILE.mention() + " key is " + key.id()
                    + "): wrong key");
        }
        boolean matches = MessageDigest.isEqual(parts.get(2).getBytes(StandardCharsets.US_ASCII),
                key.sign(manifestJson).getBytes(StandardCharsets.US_ASCII));
        return matches ? new Check(Origin.SIGNED_AND_MATCHES, null)
                : refused(Manifest.FILE + " was changed after it was signed: its signature does not match (tampered)");
    }

    /** The one line that says what is known of the archive's origin. */
    static String describe(Origin origin) {
        return switch (origin) {
            case SIGNED_AND_MATCHES -> "origin: signed and the signature matches";
            case SIGNED_NOT_CHECKED -> "origin: not checked (the archive is signed; give " + Setting.SIGN_KEY_FILE.mention() + " to check it)";
            case UNSIGNED_NOT_CHECKED -> "origin: not checked (the archive is not signed; restore only archives you took yourself)";
            case REFUSED -> "origin: REFUSED";
        };
    }

    private static Check refused(String problem) {
        return new Check(Origin.REFUSED, problem);
    }
}
