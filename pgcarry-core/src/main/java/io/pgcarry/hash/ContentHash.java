package io.pgcarry.hash;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.plan.ColumnMove;
import io.pgcarry.plan.Conversion;
import io.pgcarry.plan.TableMove;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The content hash of rows, computed on the server from one side alone. A row's hash combines one 64-bit hash per
 * mapped column (see {@link ValueHash}: from the binary value where that is exact, else from its text), each seeded
 * by the column's position, so swapped values, NULL and the empty string all hash apart. Each column is taken in the
 * target's type: a column converted by the move is cast on the source side the same way the load converted it, and
 * user types (enums, domains, composites), which may not exist on the source, compare as text. A table's (or
 * range's) hash is the row count plus the sum of the row hashes modulo 2^64, which does not depend on row order and
 * counts a duplicated row twice. Sessions use {@link io.pgcarry.connect.Sessions} settings, so both sides print
 * values identically.
 *
 * <p>
 * A side whose server encoding is not UTF8 hashes strings over their UTF8 bytes, so a table hashes the same in a
 * LATIN1 and in a UTF8 database, and an archive's hashes hold wherever it is restored.
 *
 * <p>
 * Archives of format 1 hold the earlier row-text hash, {@code hashtext(ROW(columns)::text)} summed in 32 bits;
 * {@link #ofRowText} computes it, to restore them.
 *
 * @param source        per column, the source-side expression
 * @param target        per column, the target-side expression
 * @param names         per column, the target column's name
 * @param types         per column, the target column's type as {@code format_type} prints it
 * @param sourceToUtf8  whether the source side hashes strings over their UTF8 bytes
 * @param targetToUtf8  whether the target side does
 * @param rowText       whether this is the row-text hash of format 1 archives
 */
public record ContentHash(List<String> source, List<String> target, List<String> names, List<String> types,
                          boolean sourceToUtf8, boolean targetToUtf8, boolean rowText) {
    private static final String UTF8 = "UTF8";
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    public ContentHash {
        source = List.copyOf(source);
        target = List.copyOf(target);
        names = List.copyOf(names);
        types = List.copyOf(types);
    }

    /** This hash between servers of these encodings: a side that is not UTF8 hashes strings over their UTF8 bytes. */
    public ContentHash inEncodings(String sourceEncoding, String targetEncoding) {
        return new ContentHash(source, target, names, types, !rowText && !UTF8.equalsIgnoreCase(sourceEncoding),
                !rowText && !UTF8.equalsIgnoreCase(targetEncoding), rowText);
    }

    /** The hash of the columns a move copies: what a copy stream carries, and what a move sums as it copies. */
    public static ContentHash of(TableMove move) {
        return of(move.columns());
    }

    /**
     * The hash validation compares: the copied columns, then the stored generated columns computed on both sides
     * ({@link TableMove#generated()}), so a target whose generation expression differs does not pass.
     */
    public static ContentHash validated(TableMove move) {
        List<ColumnMove> all = new ArrayList<>(move.columns());
        all.addAll(move.generated());
        return of(all);
    }

    private static ContentHash of(List<ColumnMove> columns) {
        List<String> source = new ArrayList<>();
        List<String> target = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (ColumnMove c : columns) {
            names.add(c.target().name());
            // A user type hashes from its text (it is cast to text below when converted, or hashed as text when not).
            types.add(c.target().builtIn() ? c.target().type() : "user-defined");
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
        return new ContentHash(source, target, names, types, false, false, false);
    }

    /** The hash of a table's own columns, read the same way on both sides (a backup and its restore). */
    public static ContentHash ofColumns(List<String> names, List<String> types) {
        List<String> quoted = names.stream().map(Identifiers::quote).toList();
        return new ContentHash(quoted, quoted, names, types, false, false, false);
    }

    /** The row-text hash of a table's own columns, as archives of format 1 hold it. */
    public static ContentHash ofRowText(List<String> names) {
        List<String> quoted = names.stream().map(Identifiers::quote).toList();
        return new ContentHash(quoted, quoted, names, names.stream().map(n -> "text").toList(), false, false, true);
    }

    /** How a table's content hash is written: {@code rows:sum}. */
    public static String value(long rows, long sum) {
        return rows + ":" + sum;
    }

    /** A hash sum as the server prints it (a bigint or a numeric), modulo 2^64 as a signed long. */
    public static long sum(String printed) {
        BigInteger value = new BigInteger(printed);
        return value.bitLength() < 64 ? value.longValue() : value.mod(TWO_TO_64).longValue();
    }

    /** The text of one row on the given side, which the row-text hash hashes. */
    public String rowText(boolean sourceSide) {
        List<String> columns = sourceSide ? source : target;
        return columns.isEmpty() ? "''" : "ROW(" + String.join(", ", columns) + ")::text";
    }

    /** The hash of one row on the given side, a bigint (an integer for the row-text hash). */
    public String rowHash(boolean sourceSide) {
        return rowHash(sourceSide, Set.of());
    }

    /** The same, leaving out the hashes of the columns at these indexes (the client adds them: {@link #copyHash}). */
    private String rowHash(boolean sourceSide, Set<Integer> leftOut) {
        if (rowText) {
            return "pg_catalog.hashtext(" + rowText(sourceSide) + ")";
        }
        List<String> columns = sourceSide ? source : target;
        boolean toUtf8 = sourceSide ? sourceToUtf8 : targetToUtf8;
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (!leftOut.contains(i)) {
                hashes.add(ValueHash.of(types.get(i)).sql(columns.get(i), i + 1, toUtf8));
            }
        }
        return hashes.isEmpty() ? "0::bigint" : "(" + String.join(" # ", hashes) + ")";
    }

    /**
     * How a copy out of the source, in this format, carries this hash: the columns whose share of each row's hash the
     * client computes from the bytes they arrive in ({@link FieldHash}: strings, integers, uuids... and jsonb, whose
     * text the source would otherwise format twice), and the row hash of the others, which the source appends as a
     * last column; none when the client hashes every column, so the source reads its rows as for a plain copy.
     */
    public CopyHash copyHash(boolean binary) {
        List<CopyStreamHash.ClientColumn> byClient = new ArrayList<>();
        if (!rowText) {
            for (int i = 0; i < types.size(); i++) {
                FieldHash kind = FieldHash.of(types.get(i), binary);
                if (kind != null) {
                    byClient.add(new CopyStreamHash.ClientColumn(i, i + 1, ValueHash.nullHash(i + 1), kind));
                }
            }
        }
        Set<Integer> leftOut = new HashSet<>();
        byClient.forEach(c -> leftOut.add(c.field()));
        return new CopyHash(leftOut.size() == types.size() ? null : rowHash(true, leftOut), rowHash(true), binary, byClient);
    }

    /**
     * @param rowHash   the source-side SQL of each row's hash, less the client's columns; null when the client hashes
     *                  every column
     * @param wholeRowHash  the source-side SQL of each row's whole hash, for a row carried outside the copy stream
     * @param binary    the COPY format it is for
     * @param byClient  the columns whose hashes the client adds, from the bytes of the COPY
     */
    public record CopyHash(String rowHash, String wholeRowHash, boolean binary, List<CopyStreamHash.ClientColumn> byClient) {
        public CopyHash {
            byClient = List.copyOf(byClient);
        }

        /** A hasher for one copy's stream. */
        public CopyStreamHash hasher() {
            return new CopyStreamHash(binary, rowHash != null, byClient);
        }
    }

    /** The row count and hash sum of a whole table on the given side, computed by the server. */
    public ContentTotals totals(Connection c, boolean sourceSide, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(aggregateSql(sourceSide, table, null))) {
            rs.next();
            return new ContentTotals(rs.getLong(1), sum(rs.getString(2)));
        }
    }

    /** {@code count, hash} of a table or a filtered part of it; read the hash with {@link #sum(String)}. */
    public String aggregateSql(boolean sourceSide, String table, String where) {
        return "SELECT pg_catalog.count(*), coalesce(pg_catalog.sum(" + rowHash(sourceSide) + "), 0)::text FROM " + table
                + (where == null ? "" : " WHERE " + where);
    }
}
