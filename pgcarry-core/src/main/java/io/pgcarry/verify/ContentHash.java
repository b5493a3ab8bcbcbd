package io.pgcarry.verify;

import io.pgcarry.plan.ColumnMove;
import io.pgcarry.plan.Conversion;
import io.pgcarry.plan.TableMove;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The content hash of a table, computed on the server from one side alone: each row's canonical text is
 * its row constructor's text form (quoting keeps {@code ('ab','c')} and {@code ('a','bc')} apart, and NULL
 * apart from the empty string), hashed to 32 bits; the table's hash is the row count plus the sum of the
 * row hashes, which does not depend on row order. Sessions use {@link io.pgcarry.connect.Sessions} settings,
 * so both sides print values identically.
 */
public final class ContentHash {
    private ContentHash() {
    }

    /** Columns compared: those copied unchanged (converted columns print differently on each side). */
    public static List<ColumnMove> comparable(TableMove move) {
        return move.columns().stream().filter(c -> c.conversion() == Conversion.SAME).toList();
    }

    public static String sourceSql(TableMove move) {
        return sql(comparable(move).stream().map(ColumnMove::sourceSql).toList(), move.source().name().sql());
    }

    public static String targetSql(TableMove move) {
        return sql(comparable(move).stream().map(c -> c.target().sql()).toList(), move.target().name().sql());
    }

    private static String sql(List<String> columns, String table) {
        String row = columns.isEmpty() ? "''" : "ROW(" + String.join(", ", columns) + ")::text";
        // hashtext is 32 bits: summed in a bigint, far cheaper than 64-bit hashes summed in numeric; a changed row
        // goes unnoticed only if its new hash equals the old one (one chance in four billion).
        return "SELECT count(*), coalesce(sum(hashtext(" + row + ")), 0)::text FROM " + table;
    }

    static String describeSkipped(TableMove move) {
        List<String> skipped = move.columns().stream().filter(c -> c.conversion() != Conversion.SAME)
                .map(c -> c.target().name()).collect(Collectors.toList());
        return skipped.isEmpty() ? null : "converted columns compared by count only: " + String.join(", ", skipped);
    }
}
