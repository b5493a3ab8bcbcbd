package io.pgcarry.plan;

import io.pgcarry.catalog.Table;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One source table copied into one target table.
 *
 * @param source   the source table
 * @param target   the target table
 * @param columns  the target columns that receive data, with where each comes from
 * @param generated  the target's stored generated columns whose source column is generated too: not copied (each
 *                   side computes them), but compared by validation, so a target that computes them differently fails
 */
public record TableMove(Table source, Table target, List<ColumnMove> columns, List<ColumnMove> generated) {
    public TableMove {
        columns = List.copyOf(columns);
        generated = List.copyOf(generated);
    }

    /** A move with no generated columns to compare. */
    public TableMove(Table source, Table target, List<ColumnMove> columns) {
        this(source, target, columns, List.of());
    }

    /** The table copied onto itself (a backup or a restore): every column but the generated ones, unchanged. */
    public static TableMove identity(Table table) {
        return new TableMove(table, table, table.columns().stream().filter(c -> !c.generated())
                .map(c -> new ColumnMove(c, c, c.sql(), Conversion.SAME, null)).toList());
    }

    /** Binary COPY is faster; it needs every column to be the same built-in type on both sides. */
    public boolean binary() {
        return columns.stream().allMatch(ColumnMove::binaryCompatible);
    }

    /** The SELECT that reads the source rows, optionally restricted by a WHERE clause. */
    public String selectSql(String where) {
        return selectSql(where, null);
    }

    /** The same, with one more expression computed over each source row as a last column (null for none). */
    public String selectSql(String where, String extraColumn) {
        String list = columns.stream().map(ColumnMove::sourceSql).collect(Collectors.joining(", "))
                + (extraColumn == null ? "" : (columns.isEmpty() ? "" : ", ") + extraColumn);
        return "SELECT " + list + " FROM " + source.rowsSql() + (where == null ? "" : " WHERE " + where);
    }

    /**
     * Whether every column is copied unchanged, so each field of a text COPY of the source is the text the content
     * hash's row constructor prints for it (see {@code verify.ContentHash}).
     */
    public boolean copiedUnchanged() {
        return columns.stream().allMatch(c -> c.conversion() == Conversion.SAME);
    }

    public String copyOutSql(String where) {
        return copyOutSql(where, binary());
    }

    /** The COPY that reads the source rows; {@code binary} only where {@link #binary()} allows it. */
    public String copyOutSql(String where, boolean binary) {
        return copyOutSql(where, binary, null);
    }

    /** The same, each row followed by one more column (see {@link #selectSql(String, String)}). */
    public String copyOutSql(String where, boolean binary, String extraColumn) {
        return "COPY (" + selectSql(where, extraColumn) + ") TO STDOUT" + format(binary);
    }

    public String copyInSql() {
        return copyInSql(binary());
    }

    public String copyInSql(boolean binary) {
        return copyInSql(binary, false);
    }

    /** The COPY that loads the target; {@code freeze} writes the rows frozen (the table must be new in the transaction). */
    public String copyInSql(boolean binary, boolean freeze) {
        String list = columns.stream().map(c -> c.target().sql()).collect(Collectors.joining(", "));
        String options = format(binary);
        if (freeze) {
            options = binary ? " (FORMAT binary, FREEZE)" : " (FREEZE)";
        }
        // a table without columns still has rows: COPY takes no column list for it (an empty one is a syntax error)
        return "COPY " + target.name().sql() + (columns.isEmpty() ? "" : " (" + list + ")") + " FROM STDIN" + options;
    }

    private String format(boolean binary) {
        if (binary && !binary()) {
            throw new IllegalArgumentException("binary COPY cannot carry " + label() + ": its columns change type");
        }
        return binary ? " (FORMAT binary)" : "";
    }

    public String label() {
        return source.name().equals(target.name()) ? source.name().toString() : source.name() + " -> " + target.name();
    }
}
