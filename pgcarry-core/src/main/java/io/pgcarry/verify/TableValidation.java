package io.pgcarry.verify;

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
 * @param note         what was not compared (columns converted on the way), or null
 */
public record TableValidation(String table, long sourceRows, long targetRows, String sourceHash, String targetHash,
                              boolean passed, double seconds, String note) {
}
