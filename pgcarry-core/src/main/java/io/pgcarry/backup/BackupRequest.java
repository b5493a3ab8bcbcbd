package io.pgcarry.backup;

import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.Setting;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A backup to take.
 *
 * @param from           the database to back up
 * @param out            the directory the archive goes into
 * @param file           with {@code --file}: the name of a one-file archive in {@code out}; null for a directory archive
 * @param jobs           parallel readers
 * @param compression    how data files are compressed
 * @param withPrivileges also archive owners and grants
 * @param splitRows      tables estimated above twice this many rows are written as ranges of about this size; 0 (the
 *                       default) splits tables only where that shortens the whole backup
 *                       ({@link io.pgcarry.copy.RangePlanner#balanced})
 * @param excludeTableData patterns of tables whose rows are left out (their definitions are kept)
 * @param signKey        with {@code --sign-key-file}: the key that signs the manifest; null for an unsigned archive
 * @param skipUnmodelled back up even though the source has objects pgcarry does not carry, leaving them out (the
 *                       manifest lists them)
 */
public record BackupRequest(ConnectionSpec from, Path out, String file, int jobs, Compression compression, boolean withPrivileges,
                            long splitRows, List<String> excludeTableData, SigningKey signKey, boolean skipUnmodelled) {
    public BackupRequest(ConnectionSpec from, Path out, String file, int jobs, Compression compression, boolean withPrivileges,
                         long splitRows, List<String> excludeTableData, SigningKey signKey) {
        this(from, out, file, jobs, compression, withPrivileges, splitRows, excludeTableData, signKey, false);
    }

    public BackupRequest(ConnectionSpec from, Path out, String file, int jobs, Compression compression, boolean withPrivileges,
                         long splitRows, List<String> excludeTableData) {
        this(from, out, file, jobs, compression, withPrivileges, splitRows, excludeTableData, null);
    }

    public static final String FILE_SUFFIX = ".pgcarry";

    public BackupRequest(ConnectionSpec from, Path out, String file, int jobs, Compression compression, boolean withPrivileges,
                         long splitRows) {
        this(from, out, file, jobs, compression, withPrivileges, splitRows, List.of());
    }

    public BackupRequest {
        excludeTableData = List.copyOf(excludeTableData);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(compression, "compression");
        if (jobs < 1) {
            throw new ConfigurationException(Setting.JOBS.mention() + " must be at least 1, got " + jobs);
        }
        if (splitRows < 0) {
            throw new ConfigurationException(Setting.SPLIT_ROWS.mention() + " must be at least 1, or 0 to split only where that shortens the copy, got " + splitRows);
        }
        if (file != null) {
            if (file.contains("/") || file.contains("\\") || file.isBlank()) {
                throw new ConfigurationException(Setting.FILE.mention() + " takes a file name, not a path (got '" + file + "'); the file goes into " + Setting.OUT.mention());
            }
            if (!file.endsWith(FILE_SUFFIX)) {
                file = file + FILE_SUFFIX;
            }
        }
    }
}
