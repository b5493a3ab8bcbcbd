package io.pgcarry.schema;

import java.util.List;

/**
 * The rows of a table whose value a lossy cast would change, measured on TARGET at plan time.
 *
 * @param rows       how many
 * @param keyColumns the primary key's columns the samples are given by, or {@code ctid} for a table without one
 * @param sampleKeys up to ten keys of such rows, in key order, each as text ({@code (a, b)} for a key of several columns)
 */
record LostValues(long rows, List<String> keyColumns, List<String> sampleKeys) {
    static final int SAMPLES = 10;

    LostValues {
        keyColumns = List.copyOf(keyColumns);
        sampleKeys = List.copyOf(sampleKeys);
    }

    /** {@code id 100, 101, 102} or {@code (tenant, id) (1, 100), (1, 101)}; empty without rows. */
    String samples() {
        if (sampleKeys.isEmpty()) {
            return "";
        }
        String columns = keyColumns.size() == 1 ? keyColumns.get(0) : "(" + String.join(", ", keyColumns) + ")";
        return columns + " " + String.join(", ", sampleKeys) + (rows > sampleKeys.size() ? ", ..." : "");
    }
}
