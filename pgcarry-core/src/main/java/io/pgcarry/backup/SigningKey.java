package io.pgcarry.backup;

import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import io.pgcarry.error.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret that signs archives ({@code --sign-key-file}): the bytes of a file the user keeps, without a final line
 * break. It is never printed: {@link #toString()} and messages show only its {@link #id()}, a one-way fingerprint that
 * tells two keys apart.
 */
public final class SigningKey {
    /** Fewer bytes than this are refused: a short secret can be guessed from a signature. */
    static final int MINIMUM_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] secret;

    private SigningKey(byte[] secret) {
        this.secret = secret;
    }

    /** Reads the key file; a missing, empty or short one is refused naming the file, never its content. */
    public static SigningKey read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(Setting.SIGN_KEY_FILE.mention() + " " + file + " does not exist");
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot read " + Setting.SIGN_KEY_FILE.mention() + " " + file + ": " + e.getMessage(), e);
        }
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
            end--;
        }
        if (end < MINIMUM_BYTES) {
            throw new ConfigurationException(Setting.SIGN_KEY_FILE.mention() + " " + file + " holds " + end + " bytes; a signing key needs at least "
                    + MINIMUM_BYTES + " (for example: openssl rand -hex 32 > " + file.getFileName() + ")");
        }
        return new SigningKey(Arrays.copyOf(bytes, end));
    }

    /** HMAC-SHA256 of {@code data} with this key, in hex. */
    String sign(byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this Java runtime", e);
        }
    }

    /** A fingerprint of the key that does not reveal it: the first 16 hex digits of its HMAC of a fixed text. */
    String id() {
        return sign("pgcarry signing key id".getBytes(StandardCharsets.US_ASCII)).substring(0, 16);
    }

    @Override
    public String toString() {
        return "SigningKey[" + id() + "]";
    }
}
