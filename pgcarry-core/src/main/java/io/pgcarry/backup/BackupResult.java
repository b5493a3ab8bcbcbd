package io.pgcarry.backup;

import java.nio.file.Path;
import java.util.List;

/**
 * What a backup wrote.
 *
 * @param archive      the archive (directory or file)
 * @param database     the database backed up
 * @param tables       tables archived
 * @param rows         rows archived
 * @param dataBytes    bytes of the data files as stored
 * @param archiveBytes bytes of the whole archive
 * @param sequences    sequences whose values were recorded
 * @param warnings     source objects not modelled, and so not archived
 * @param dataExcluded tables whose rows were left out on purpose
 * @param seconds      wall-clock time
 * @param largeObjects large objects archived
 */
public record BackupResult(Path archive, String database, int tables, long rows, long dataBytes, long archiveBytes, int sequences,
                           List<String> warnings, List<String> dataExcluded, double seconds, int largeObjects) {
    public BackupResult {
        warnings = List.copyOf(warnings);
        dataExcluded = List.copyOf(dataExcluded);
    }

    public BackupResult(Path archive, String database, int tables, long rows, long dataBytes, long archiveBytes, int sequences,
                        List<String> warnings, List<String> dataExcluded, double seconds) {
        this(archive, database, tables, rows, dataBytes, archiveBytes, sequences, warnings, dataExcluded, seconds, 0);
    }
}
