package io.pgcarry.copy;

import io.pgcarry.catalog.QualifiedName;

/**
 * A slice of one table: rows whose integer key is in {@code [lower, upper)}; a null bound is open.
 *
 * @param table   the target table
 * @param number  the slice's number within the table, from 0
 * @param lower   inclusive lower bound, or null
 * @param upper   exclusive upper bound, or null
 * @param done    whether it was copied and committed
 * @param rows    rows copied, when done
 * @param bytes   bytes streamed, when done
 * @param seconds time taken, when done
 */
public record CopyRange(QualifiedName table, int number, Long lower, Long upper, boolean done, long rows, long bytes,
                        double seconds) {

    public static CopyRange pending(QualifiedName table, int number, Long lower, Long upper) {
        return new CopyRange(table, number, lower, upper, false, 0, 0, 0);
    }

    /** The WHERE clause over {@code keySql}, or null for the whole table. */
    public String where(String keySql) {
        if (lower == null && upper == null) {
            return null;
        }
        if (lower == null) {
            return keySql + " < " + upper;
        }
        if (upper == null) {
            return keySql + " >= " + lower;
        }
        return keySql + " >= " + lower + " AND " + keySql + " < " + upper;
    }
}
