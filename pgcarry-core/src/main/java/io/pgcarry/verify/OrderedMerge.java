package io.pgcarry.verify;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.hash.ContentHash;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Compares a table row by row in key order when its key is not one integer column: both sides stream
 * {@code (key text, row hash)} sorted the same way (bytewise, {@code COLLATE "C"}), and a merge finds the
 * missing, extra and changed keys with memory bounded by the fetch size.
 */
final class OrderedMerge {
    private static final int FETCH = 10_000;

    private final Connection source;
    private final Connection target;
    private final String sourceKey;
    private final String targetKey;
    private final ContentHash hash;
    private final TableDiffer differ;

    OrderedMerge(Connection source, Connection target, String sourceKey, String targetKey, ContentHash hash, TableDiffer differ) {
        this.source = source;
        this.target = target;
        this.sourceKey = sourceKey;
        this.targetKey = targetKey;
        this.hash = hash;
        this.differ = differ;
    }

    void run() throws SQLException {
        boolean sourceAuto = source.getAutoCommit();
        boolean targetAuto = target.getAutoCommit();
        source.setAutoCommit(false);
        target.setAutoCommit(false);
        try (Statement a = source.createStatement(); Statement b = target.createStatement()) {
            a.setFetchSize(FETCH);
            b.setFetchSize(FETCH);
            try (ResultSet s = a.executeQuery(sql(sourceKey, hash.rowHash(true), differ.move().source().rowsSql()));
                 ResultSet t = b.executeQuery(sql(targetKey, hash.rowHash(false), differ.move().target().rowsSql()))) {
                merge(s, t);
            }
        } finally {
            restore(source, sourceAuto);
            restore(target, targetAuto);
        }
    }

    private void merge(ResultSet s, ResultSet t) throws SQLException {
        boolean hasS = s.next();
        boolean hasT = t.next();
        while ((hasS || hasT) && !differ.full()) {
            int order = !hasS ? 1 : !hasT ? -1 : compare(s.getString(1), t.getString(1));
            if (order < 0) {
                differ.add(new RowDifference(RowDifference.MISSING, s.getString(1), List.of(), Map.of()));
                hasS = s.next();
            } else if (order > 0) {
                differ.add(new RowDifference(RowDifference.EXTRA, t.getString(1), List.of(), Map.of()));
                hasT = t.next();
            } else {
                if (s.getLong(2) != t.getLong(2)) {
                    String key = s.getString(1);
                    differ.add(differ.changed(key, "(" + sourceKey + ") = " + literal(key), "(" + targetKey + ") = " + literal(key)));
                }
                hasS = s.next();
                hasT = t.next();
            }
        }
    }

    private static String sql(String key, String rowHash, String table) {
        return "SELECT " + key + " AS k, " + rowHash + " FROM " + table + " ORDER BY (" + key + ") COLLATE \"C\"";
    }

    /** Bytewise UTF-8 order, the order of {@code COLLATE "C"}. */
    private static int compare(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String literal(String value) {
        return Identifiers.literal(value);
    }

    private static void restore(Connection c, boolean autoCommit) throws SQLException {
        if (autoCommit) {
            c.rollback();
            c.setAutoCommit(true);
        }
    }
}
