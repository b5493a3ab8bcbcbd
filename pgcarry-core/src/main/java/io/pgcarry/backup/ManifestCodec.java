package io.pgcarry.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The manifest as JSON, and the line of its checksum file ({@code sha256sum} format, so shell tools can check it too). */
final class ManifestCodec {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ManifestCodec() {
    }

    static byte[] toJson(Manifest manifest) {
        try {
            return JSON.writeValueAsBytes(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the manifest as JSON", e);
        }
    }

    /** Parses a manifest; a broken one gives a message naming what is wrong. */
    static Manifest fromJson(byte[] json, String where) {
        try {
            Manifest manifest = JSON.readValue(json, Manifest.class);
            if (manifest.formatVersion() < Manifest.ROW_TEXT_HASH_FORMAT || manifest.formatVersion() > Manifest.FORMAT_VERSION) {
                throw new ArchiveException(where + ": archive format " + manifest.formatVersion() + " is not known to this pgcarry (it reads "
                        + Manifest.ROW_TEXT_HASH_FORMAT + " to " + Manifest.FORMAT_VERSION + "); use the pgcarry version that wrote it ("
                        + manifest.pgcarryVersion() + ")");
            }
            if ((manifest.schema() == null) != (manifest.formatVersion() <= Manifest.STATEMENTS_ONLY_FORMAT)) {
                throw new ArchiveException(where + ": an archive of format " + manifest.formatVersion() + " must "
                        + (manifest.schema() == null ? "" : "not ") + "hold the schema's objects; the manifest was altered");
            }
            if (!manifest.largeObjects().isEmpty() && manifest.formatVersion() <= Manifest.WITHOUT_LARGE_OBJECTS_FORMAT) {
                throw new ArchiveException(where + ": an archive of format " + manifest.formatVersion()
                        + " holds no large objects; the manifest was altered");
            }
            return manifest;
        } catch (IllegalArgumentException e) {
            throw new ArchiveException(where + ": the manifest cannot be read (" + firstLine(e.getMessage()) + ")");
        } catch (IOException e) {
            throw new ArchiveException(where + ": the manifest cannot be read (" + firstLine(e.getMessage()) + ")");
        }
    }

    static byte[] checksumLine(byte[] manifestJson) {
        return (Sha256.of(manifestJson) + "  " + Manifest.FILE + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The hash a checksum file states, or null when it is not a checksum line for the manifest. */
    static String statedChecksum(byte[] checksumFile) {
        String line = new String(checksumFile, StandardCharsets.US_ASCII).strip();
        String[] parts = line.split("\\s+");
        if (parts.length != 2 || !parts[1].replace("*", "").equals(Manifest.FILE) || !parts[0].matches("[0-9a-f]{64}")) {
            return null;
        }
        return parts[0];
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
