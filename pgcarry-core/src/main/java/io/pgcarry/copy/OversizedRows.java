package io.pgcarry.copy;

import io.pgcarry.catalog.Column;
import io.pgcarry.plan.ColumnMove;
import io.pgcarry.plan.TableMove;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rows of one range whose COPY form may be too big for one message in memory (pgjdbc hands each COPY row to the
 * client as one array), found on the source inside the copy's snapshot, so the copy can leave them out and
 * {@link OversizedRowWriter} can carry them in slices.
 * <p>
 * A row is oversized when an upper bound of its COPY text exceeds {@link #LIMIT}. The bound reads no value: a string
 * or bytea counts twice its {@code octet_length} (taken from the TOAST header; escapes at most double it); any other
 * variable-length value counts 256 times its stored size (no compression gains more), or, when that size is over
 * 16 kB, twice the length of its text. Only a table whose TOAST data could decompress past the limit is searched
 * at all; for any other table, and whenever nothing is found, the copy's statement is unchanged.
 *
 * @param predicate the SQL condition that is true for an oversized row, or null when none can be
 * @param rows      the oversized rows, in no order
 */
public record OversizedRows(String predicate, List<RowId> rows) {
    /** The most COPY text a row may take to be carried in one piece. */
    public static final long LIMIT = 16L << 20;
    /** Beyond this stored size, a value's text is measured rather than bounded from its compressed size. */
    private static final long MEASURED = 16L << 10;
    private static final long MAX_COMPRESSION = 256;
    private static final Pattern TID = Pattern.compile("\\(\\d+,\\d+\\)");
    private static final OversizedRows NONE = new OversizedRows(null, List.of());

    private static final String TOAST_SQL = """
            SELECT coalesce(pg_catalog.sum(pg_catalog.pg_relation_size(c.reltoastrelid)), 0),
                   array(SELECT a.attname::text FROM pg_catalog.pg_attribute a
                          WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attlen = -1)
              FROM pg_catalog.pg_class c
             WHERE c.reltoastrelid <> 0 AND c.oid IN (%s)""";

    public OversizedRows {
        rows = List.copyOf(rows);
    }

    /** One row of a table read in one snapshot: its partition (or the table) and its tuple id there. */
    public record RowId(long tableOid, String ctid) {
        public RowId {
            if (!TID.matcher(ctid).matches()) {
                throw new IllegalArgumentException("not a tuple id: " + ctid);
            }
        }

        /** The condition that picks this row out of the table's rows. */
        String sql() {
            return "tableoid = " + tableOid + "::oid AND ctid = '" + ctid + "'::tid";
        }
    }

    /** Finds the oversized rows of the move's source among the rows with {@code where} (null for all). */
    public static OversizedRows find(Connection source, TableMove move, String where) throws SQLException {
        String predicate = predicate(source, move);
        if (predicate == null) {
            return NONE;
        }
        List<RowId> rows = new ArrayList<>();
        String sql = "SELECT tableoid::int8, ctid::text FROM " + move.source().rowsSql() + " WHERE "
                + (where == null ? "" : where + " AND ") + "(" + predicate + ")";
        try (Statement s = source.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(new RowId(rs.getLong(1), rs.getString(2)));
            }
        }
        return new OversizedRows(predicate, rows);
    }

    /** The copy's WHERE clause, leaving out the oversized rows when there are any (null for all rows). */
    public String mainWhere(String where) {
        if (rows.isEmpty()) {
            return where;
        }
        return (where == null ? "" : where + " AND ") + "NOT (" + predicate + ")";
    }

    /** The bound of a row's COPY text exceeds the limit; null when the table holds no value big enough. */
    private static String predicate(Connection source, TableMove move) throws SQLException {
        Set<String> varlena = new HashSet<>();
        String table = move.source().name().sql();
        String tables = move.source().partitioned() ? "SELECT relid FROM pg_catalog.pg_partition_tree(?::regclass)" : "?::regclass";
        try (PreparedStatement s = source.prepareStatement(TOAST_SQL.formatted(tables))) {
            s.setString(1, table);
            s.setString(2, table);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                if (rs.getLong(1) * MAX_COMPRESSION < LIMIT) {
                    return null;
                }
                Array names = rs.getArray(2);
                varlena.addAll(Arrays.asList((String[]) names.getArray()));
            }
        }
        List<String> bounds = new ArrayList<>();
        for (ColumnMove c : move.columns()) {
            if (c.source() != null && varlena.contains(c.source().name())) {
                bounds.add("coalesce(" + bound(c.source()) + ", 0)");
            }
        }
        return bounds.isEmpty() ? null : String.join(" + ", bounds) + " > " + LIMIT;
    }

    /** An upper bound of one value's COPY text, read from its header where that is enough. */
    private static String bound(Column column) {
        String value = column.sql();
        if (stringOrBytes(column.type())) {
            return "pg_catalog.octet_length(" + value + ")::int8 * 2";
        }
        return "CASE WHEN pg_catalog.pg_column_size(" + value + ") > " + MEASURED
                + " THEN pg_catalog.octet_length((" + value + ")::text)::int8 * 2"
                + " ELSE pg_catalog.pg_column_size(" + value + ")::int8 * " + MAX_COMPRESSION + " END";
    }

    private static boolean stringOrBytes(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        return t.equals("text") || t.equals("bytea") || t.equals("bpchar") || t.startsWith("character");
    }
}
