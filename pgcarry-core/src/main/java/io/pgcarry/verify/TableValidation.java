package io.pgcarry.verify;

import java.util.List;

/**
 * How one table compared.
 *
 * @param table        the table (source -> target when renamed)
 * @param sourceRows   rows in the source
 * @param targetRows   rows in the target
 * @param sourceHash   content hash of the source rows (null at count level)
 * @param targetHash   content hash of the target rows (null at count level)
 * @param passed       counts (and hashes) equal
 * @param seconds      time taken
 * @param note         how it was compared when that needs saying (a table without key), or null
 * @param differences  at full level, the differing rows found (up to --max-diffs)
 * @param truncated    whether more differences exist than were listed
 * @param sourceFromCopy whether the source's figures were summed from the rows a move copied (in the same snapshot)
 *                     instead of read again: only when the target matched them
 */
public record TableValidation(String table, long sourceRows, long targetRows, String sourceHash, String targetHash,
                              boolean passed, double seconds, String note, List<RowDifference> differences, boolean truncated,
                              boolean sourceFromCopy) {
    public TableValidation {
        differences = List.copyOf(differences);
    }
}
