package io.pgcarry.verify;

import io.pgcarry.plan.ColumnMove;
import io.pgcarry.plan.Conversion;
import io.pgcarry.plan.TableMove;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical form and content hash of rows, computed on the server from one side alone. A row's canonical
 * text is its row constructor's text form (quoting keeps {@code ('ab','c')} and {@code ('a','bc')} apart, and
 * NULL apart from the empty string) over the mapped columns, each in the target's type: a column converted by
 * the move is cast on the source side the same way the load converted it, and user types (enums, domains,
 * composites), which may not exist on the source, compare as text. A table's (or range's) hash is the row count
 * plus the sum of 32-bit row hashes, which does not depend on row order. Sessions use
 * {@link io.pgcarry.connect.Sessions} settings, so both sides print values identically.
 *
 * <p>
 * A row's hash is taken over the bytes of its text, which are the server's encoding: when the two sides' encodings
 * differ (a LATIN1 database moved into UTF8), the side that is not UTF8 hashes its text converted to UTF8 bytes, so
 * equal text hashes equal.
 *
 * @param source        per column, the source-side expression
 * @param target        per column, the target-side expression
 * @param names         per column, the target column's name
 * @param sourceToUtf8  whether the source side hashes its row text converted to UTF8
 * @param targetToUtf8  whether the target side does
 */
public record ContentHash(List<String> source, List<String> target, List<String> names, boolean sourceToUtf8, boolean targetToUtf8) {
    private static final String UTF8 = "UTF8";

    public ContentHash {
        source = List.copyOf(source);
        target = List.copyOf(target);
        names = List.copyOf(names);
    }

    public ContentHash(List<String> source, List<String> target, List<String> names) {
        this(source, target, names, false, false);
    }

    /** This hash for two servers of these encodings: when they differ, the side that is not UTF8 converts. */
    public ContentHash between(String sourceEncoding, String targetEncoding) {
        boolean differ = !sourceEncoding.equalsIgnoreCase(targetEncoding);
        return new ContentHash(source, target, names, differ && !UTF8.equalsIgnoreCase(sourceEncoding),
                differ && !UTF8.equalsIgnoreCase(targetEncoding));
    }

    public static ContentHash of(TableMove move) {
        List<String> source = new ArrayList<>();
        List<String> target = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ColumnMove c : move.columns()) {
            names.add(c.target().name());
            if (c.conversion() == Conversion.SAME) {
                source.add(c.sourceSql());
                target.add(c.target().sql());
            } else if (c.target().builtIn()) {
                source.add("(" + c.sourceSql() + ")::" + c.target().type());
                target.add(c.target().sql());
            } else {
                source.add("(" + c.sourceSql() + ")::text");
                target.add("(" + c.target().sql() + ")::text");
            }
        }
        return new ContentHash(source, target, names);
    }

    /** The hash of a table's own columns, read the same way on both sides (a backup and its restore). */
    public static ContentHash ofColumns(List<String> names) {
        List<String> quoted = names.stream().map(io.pgcarry.catalog.Identifiers::quote).toList();
        return new ContentHash(quoted, quoted, names);
    }

    /** How a table's content hash is written: {@code rows:sum}. */
    public static String value(long rows, long sum) {
        return rows + ":" + sum;
    }

    /** The canonical text of one row on the given side. */
    public String rowText(boolean sourceSide) {
        List<String> columns = sourceSide ? source : target;
        return columns.isEmpty() ? "''" : "ROW(" + String.join(", ", columns) + ")::text";
    }

    /** The hash of one row on the given side. */
    public String rowHash(boolean sourceSide) {
        String text = rowText(sourceSide);
        if (sourceSide ? sourceToUtf8 : targetToUtf8) {
            // The UTF8 bytes, taken back as text unchanged (no conversion is made from SQL_ASCII), which hashtext
            // hashes as a UTF8 server hashes the same text. Valid for single-byte server encodings, such as LATIN1.
            text = "convert_from(convert_to(" + text + ", 'UTF8'), 'SQL_ASCII')";
        }
        return "hashtext(" + text + ")";
    }

    /** {@code count, hash} of a table or a filtered part of it. */
    public String aggregateSql(boolean sourceSide, String table, String where) {
        // hashtext is 32 bits: summed in a bigint, far cheaper than 64-bit hashes summed in numeric; a changed row
        // goes unnoticed only if its new hash equals the old one (one chance in four billion).
        return "SELECT count(*), coalesce(sum(" + rowHash(sourceSide) + "), 0)::text FROM " + table
                + (where == null ? "" : " WHERE " + where);
    }
}
