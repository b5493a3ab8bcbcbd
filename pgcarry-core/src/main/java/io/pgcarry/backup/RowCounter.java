package io.pgcarry.backup;

import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the rows of a text-format COPY stream and checks that each has the expected number of fields. In text
 * format a tab or newline inside a value is written as {@code \t} or {@code \n}, so raw tabs separate fields and
 * raw newlines end rows.
 */
final class RowCounter {
    private final int columns;
    private long rows;
    private String problem;

    RowCounter(int columns) {
        this.columns = columns;
    }

    void count(InputStream data) throws IOException {
        byte[] buffer = new byte[1 << 16];
        int tabs = 0;
        boolean midRow = false;
        int n;
        while ((n = data.read(buffer)) >= 0) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == '\t') {
                    tabs++;
                    midRow = true;
                } else if (b == '\n') {
                    rows++;
                    int expectedTabs = Math.max(columns - 1, 0);
                    if (tabs != expectedTabs && problem == null) {
                        problem = "row " + rows + " has " + (tabs + 1) + " fields where the table has " + columns + " columns";
                    }
                    tabs = 0;
                    midRow = false;
                } else {
                    midRow = true;
                }
            }
        }
        if (midRow && problem == null) {
            problem = "the last row is cut off (no final newline)";
        }
    }

    long rows() {
        return rows;
    }

    String problem() {
        return problem;
    }
}
