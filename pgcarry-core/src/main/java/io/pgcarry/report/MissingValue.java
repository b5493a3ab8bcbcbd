package io.pgcarry.report;

/**
 * A referenced value that source rows point at and the referenced table lacks, as in
 * {@code "ownerId"=9999 missing from public."Party".id (20 rows)}.
 *
 * @param columns     the referencing column, or columns in parentheses for a composite key, as a person writes them
 * @param value       the missing value, or values in parentheses for a composite key
 * @param referenced  the referenced table and column (or columns in parentheses)
 * @param rows        how many rows hold this value
 */
public record MissingValue(String columns, String value, String referenced, long rows) {
    @Override
    public String toString() {
        return columns + "=" + value + " missing from " + referenced + " (" + rows + (rows == 1 ? " row)" : " rows)");
    }
}
