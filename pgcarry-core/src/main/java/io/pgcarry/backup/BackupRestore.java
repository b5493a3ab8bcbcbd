package io.pgcarry.backup;

import io.pgcarry.connect.Connector;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import io.pgcarry.move.CopyProgress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code pgcarry restore} as a service: a pgcarry archive (directory or file), the newest archive of a directory of
 * archives, or a plain-format pg_dump SQL file, told apart by their content rather than their names.
 */
public final class BackupRestore {
    private final Connector connector;

    public BackupRestore(Connector connector) {
        this.connector = connector;
    }

    public RestoreResult run(RestoreRequest request, CopyProgress progress) {
        Path path = ArchiveShelf.resolve(request.archive());
        if (Files.isRegularFile(path) && !isTar(path)) {
            return new PlainSqlRestore(connector, request, progress).run(path);
        }
        try (Archive archive = Archive.open(path)) {
            return new ArchiveRestore(connector, request, progress).run(archive);
        }
    }

    /** A tar file has "ustar" at byte 257 of its first header. */
    static boolean isTar(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] header = in.readNBytes(512);
            return header.length == 512 && new String(header, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar");
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
