package io.pgcarry.backup;

import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.hash.LargeObjectHash;
import io.pgcarry.largeobject.LargeObject;
import io.pgcarry.largeobject.LargeObjectContent;
import io.pgcarry.parallel.TaskGraph;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Writes each large object's content to a file of its own ({@code large-objects/OID.lo}, compressed as the data files
 * are), read piece by piece in the backup's snapshot by the workers' readers, and hashed as it passes: the SHA-256 of
 * the stored file, and the content hash a restore checks the restored object against.
 */
final class LargeObjectDump {
    static final String DIRECTORY = "large-objects";

    private LargeObjectDump() {
    }

    /** The one name pgcarry writes an object's file under. */
    static String fileName(long oid, Compression compression) {
        return DIRECTORY + "/" + oid + ".lo" + compression.suffix();
    }

    /**
     * Writes every object under {@code root} with {@code jobs} workers; returns their manifest entries in OID order
     * (with owner and grants only {@code withPrivileges}).
     */
    static List<Manifest.LargeObjectFile> write(List<LargeObject> objects, Path root, Compression compression, boolean withPrivileges,
                                                int jobs, Supplier<Connection> readers) {
        if (objects.isEmpty()) {
            return List.of();
        }
        try {
            Files.createDirectories(root.resolve(DIRECTORY));
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot create " + root.resolve(DIRECTORY) + ": " + e.getMessage(), e);
        }
        Map<Long, Manifest.LargeObjectFile> written = new ConcurrentHashMap<>();
        TaskGraph.forEach("backing up large objects", jobs, objects, readers, (reader, object) -> written.put(object.oid(),
                write(reader, withPrivileges ? object : object.withoutPrivileges(), root, compression)));
        return written.values().stream().sorted(Comparator.comparingLong(Manifest.LargeObjectFile::oid)).toList();
    }

    private static Manifest.LargeObjectFile write(Connection reader, LargeObject object, Path root, Compression compression)
            throws SQLException {
        String name = fileName(object.oid(), compression);
        Path file = root.resolve(name);
        LargeObjectHash hash = new LargeObjectHash();
        long size = 0;
        try (OutputStream raw = Files.newOutputStream(file)) {
            Sha256.Out stored = new Sha256.Out(raw);
            try (OutputStream content = compression.compress(stored)) {
                byte[] piece;
                do {
                    piece = LargeObjectContent.read(reader, object.oid(), size);
                    content.write(piece);
                    hash.add(piece, piece.length);
                    size += piece.length;
                } while (piece.length == LargeObjectHash.PIECE);
            }
            return new Manifest.LargeObjectFile(object.oid(), object.owner(), object.comment(), object.grants(), size, hash.value(),
                    name, stored.bytes, Sha256.hex(stored.digest));
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot write " + file + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw SqlErrors.translate("reading large object " + object.oid(), e);
        }
    }
}
