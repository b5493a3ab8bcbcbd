package io.pgcarry.backup;

/**
 * One restored table, validated against the manifest without the original database.
 *
 * @param table        the table
 * @param expectedRows rows in the archive (or loaded from a SQL file)
 * @param rows         rows counted in the target afterwards
 * @param expectedHash content hash recorded in the archive, or null for a SQL file
 * @param hash         content hash computed on the target, or null when there is nothing to compare with
 * @param passed       same rows, and the same content where a hash was recorded
 */
public record RestoredTable(String table, long expectedRows, long rows, String expectedHash, String hash, boolean passed) {
}
