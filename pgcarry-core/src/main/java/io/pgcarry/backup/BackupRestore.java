package io.pgcarry.backup;

import io.pgcarry.connect.Connector;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code pgcarry restore} as a service: a pgcarry archive (directory or file), the newest archive of a directory of
 * archives, or a plain-format pg_dump SQL file, told apart by their content rather than their names; anything else
 * (an empty or binary file) is refused.
 */
public final class BackupRestore {
    private final Connector connector;

    public BackupRestore(Connector connector) {
        this.connector = connector;
    }

    public RestoreResult run(RestoreRequest request, CopyProgress progress) {
        Path path = ArchiveShelf.resolve(request.archive());
        if (Files.isRegularFile(path) && !isTar(path)) {
            refuseNonSql(path);
            return new PlainSqlRestore(connector, request, progress).run(path);
        }
        try (Archive archive = Archive.open(path)) {
            return new ArchiveRestore(connector, request, progress).run(archive);
        }
    }

    /**
     * A file that is empty or binary is neither an archive nor SQL: refused before connecting, rather than restored as
     * nothing at all. pg_dump's other formats and compressed dumps are named, so the message says what to do.
     */
    static void refuseNonSql(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8192);
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
        String neither = file + " is neither a pgcarry archive nor a SQL file";
        if (head.length == 0) {
            throw new ConfigurationException(file + " is empty (0 bytes): neither a pgcarry archive nor a SQL file; nothing was restored");
        }
        if (startsWith(head, 'P', 'G', 'D', 'M', 'P')) {
            throw new ConfigurationException(neither + ": it is a pg_dump custom-format archive; write it as SQL with "
                    + "pg_restore -f FILE.sql and restore that");
        }
        if (startsWith(head, 0x1f, 0x8b) || startsWith(head, 0x28, 0xb5, 0x2f, 0xfd)) {
            throw new ConfigurationException(neither + ": it is compressed (gzip or zstd); decompress it first");
        }
        for (byte b : head) {
            if (b == 0) {
                throw new ConfigurationException(neither + ": it holds binary data (a NUL byte in its first 8 KB)");
            }
        }
    }

    private static boolean startsWith(byte[] head, int... bytes) {
        if (head.length < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((head[i] & 0xff) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    /** A tar file has "ustar" at byte 257 of its first header. */
    static boolean isTar(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] header = in.readNBytes(512);
            return header.length == 512 && new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
