package io.pgcarry.backup;

import io.pgcarry.hash.LargeObjectHash;
import java.io.IOException;
import java.io.InputStream;

/**
 * Checks a large object's file in an archive against the manifest: the SHA-256 of the stored bytes, and, deep, the
 * size and content hash of what it decompresses to, in the same read.
 */
final class LargeObjectCheck {
    private LargeObjectCheck() {
    }

    /** Null when the file holds what the manifest says, else the problem, naming the file. */
    static String check(Archive archive, Manifest.LargeObjectFile object, boolean deep) {
        String name = object.file();
        try (InputStream raw = archive.open(name)) {
            Sha256.In stored = new Sha256.In(raw);
            String content = null;
            if (deep) {
                try (InputStream data = Compression.ofFile(name).decompress(new ArchiveVerifier.NonClosing(stored))) {
                    content = hash(data);
                } catch (IOException e) {
                    stored.drain();
                    return matches(stored, object) ? name + " cannot be decompressed: " + e.getMessage() : damaged(object);
                }
            }
            stored.drain();
            if (!matches(stored, object)) {
                return damaged(object);
            }
            if (content != null && !content.equals(object.contentHash())) {
                return name + " holds content (hash " + content + ") other than the manifest's for large object " + object.oid()
                        + " (" + object.contentHash() + ")";
            }
            return null;
        } catch (IOException e) {
            return name + " cannot be read: " + e.getMessage();
        }
    }

    private static String hash(InputStream data) throws IOException {
        LargeObjectHash hash = new LargeObjectHash();
        byte[] piece = new byte[LargeObjectHash.PIECE];
        int length;
        do {
            length = data.readNBytes(piece, 0, piece.length);
            hash.add(piece, length);
        } while (length == piece.length);
        return hash.value();
    }

    private static boolean matches(Sha256.In stored, Manifest.LargeObjectFile object) {
        return Sha256.hex(stored.digest).equals(object.sha256());
    }

    private static String damaged(Manifest.LargeObjectFile object) {
        return object.file() + " is damaged: its SHA-256 differs from the manifest (large object " + object.oid() + ")";
    }
}
