package io.pgcarry.importer;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.hash.ContentHash;
import io.pgcarry.hash.ContentTotals;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Strict parity: the records as converted (staged in temporary tables) against the target's rows, value by value as
 * PostgreSQL prints them (so {@code 1.50} and {@code 1.5} differ, as a strict check must), plus the target's rows that no
 * record explains. Columns filled with {@code now()} are not compared.
 *
 * <p>Each table is first compared whole: both sides' content hash ({@link ContentHash}: row count and the sum of the
 * rows' 64-bit hashes, each value hashed so that values printing differently hash apart). Equal totals mean equal rows
 * (two different sets of rows sum alike with a chance of about 2<sup>-64</sup>); only a table whose totals differ is
 * joined on its primary key to name each difference. The join is what costs: the totals are two plain scans.
 */
final class Parity {
    /** Where a staged record came from, by its ordinal. */
    interface Locate extends LongFunction<SourceRecordRef> {
    }

    /** A record's file and index. */
    record SourceRecordRef(String file, long index) {
    }

    private final Connection c;
    private final int max;
    private final Map<String, ContentTotals> targetDigests = new LinkedHashMap<>();
    private long total;
    private long unexplained;


    Parity(Connection c, int max) {
        this.c = c;
        this.max = max;
    }

    long total() {
        return total;
    }

    /** Of {@link #total()}, the target's rows no record explains. */
    long unexplained() {
        return unexplained;
    }

    /**
     * One pass per table: the staged rows and the target's, fully joined on the primary key; only the rows missing on
     * either side or differing in a value come back, with every compared column's text on both sides.
     */
    List<Difference> compare(List<Target> targets, Locate locate) throws SQLException {
        return compare(targets, locate, Staging::table);
    }

    /** The same with the staged rows read from {@code staged} (a view that fills in keys, say). */
    List<Difference> compare(List<Target> targets, Locate locate, java.util.function.Function<Target, String> staged) throws SQLException {
        List<Difference> found = new ArrayList<>();
        for (Target t : targets) {
            ContentTotals target = digest(c, t);
            targetDigests.put(t.name().toString(), target);
            if (!target.equals(digest(c, t, staged.apply(t)))) {
                query(found, t, locate, sql(t, staged.apply(t)));
            }
        }
        return found;
    }

    /** The digest of each target table as {@link #compare} found it, by table name. */
    Map<String, ContentTotals> targetDigests() {
        return targetDigests;
    }

    /** The content hash of {@code t}'s rows ({@link Target#rowsSql()}), in the columns parity compares. */
    static ContentTotals digest(Connection c, Target t) throws SQLException {
        return digest(c, t, t.rowsSql());
    }

    private static ContentTotals digest(Connection c, Target t, String relation) throws SQLException {
        List<Integer> compared = compared(t);
        return ContentHash.ofColumns(compared.stream().map(i -> t.columns().get(i).name()).toList(),
                compared.stream().map(i -> t.columns().get(i).type()).toList()).totals(c, false, relation);
    }

    private static String sql(Target t, String staged) {
        List<String> key = t.table().primaryKey();
        List<Integer> compared = compared(t);
        StringBuilder texts = new StringBuilder();
        List<String> differs = new ArrayList<>();
        for (int i : compared) {
            String column = Identifiers.quote(t.columns().get(i).name());
            texts.append(", s.").append(column).append("::text, x.").append(column).append("::text");
            differs.add("s." + column + "::text IS DISTINCT FROM x." + column + "::text");
        }
        String where = "s.pgcarry_ordinal IS NULL OR x.ctid IS NULL" + (differs.isEmpty() ? "" : " OR " + String.join(" OR ", differs));
        return "SELECT s.pgcarry_ordinal, s.pgcarry_path, CASE WHEN x.ctid IS NULL THEN " + Staging.keyText(key, "s") + " ELSE "
                + Staging.keyText(key, "x") + " END, x.ctid IS NULL" + texts + " FROM " + staged + " s FULL JOIN " + t.rowsSql() + " x ON "
                + Staging.match("s", key, "x", key) + " WHERE " + where
                + " ORDER BY s.pgcarry_ordinal IS NULL, x.ctid IS NOT NULL, s.pgcarry_ordinal";
    }

    /** The columns parity compares: all but those filled with {@code now()}. */
    private static List<Integer> compared(Target t) {
        List<Integer> result = new ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) {
            if (!(t.specs().get(i) instanceof ValueSpec.Now)) {
                result.add(i);
            }
        }
        return result;
    }

    private void query(List<Difference> found, Target t, Locate locate, String sql) throws SQLException {
        List<Integer> compared = compared(t);
        try (Statement s = c.createStatement()) {
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    rs.getLong(1);
                    if (rs.wasNull()) {
                        unexplained++;
                        add(found, new Difference(null, null, null, t.name().toString(), rs.getString(3), null, "no record", "present"));
                    } else if (rs.getBoolean(4)) {
                        add(found, difference(t, locate, rs, null, "present", "missing"));
                    } else {
                        for (int k = 0; k < compared.size(); k++) {
                            String expected = rs.getString(5 + 2 * k);
                            String actual = rs.getString(6 + 2 * k);
                            if (!java.util.Objects.equals(expected, actual)) {
                                add(found, difference(t, locate, rs, t.columns().get(compared.get(k)).name(), expected, actual));
                            }
                        }
                    }
                }
            }
        }
    }

    private void add(List<Difference> found, Difference difference) {
        total++;
        if (found.size() < max) {
            found.add(difference);
        }
    }

    private static Difference difference(Target t, Locate locate, ResultSet rs, String column, String expected, String actual)
            throws SQLException {
        SourceRecordRef ref = locate.apply(rs.getLong(1));
        String path = rs.getString(2) + (column == null ? "" : pointer(t, column));
        return new Difference(ref.file(), ref.index(), path, t.name().toString(), rs.getString(3), column, expected, actual);
    }

    private static String pointer(Target t, String column) {
        for (int i = 0; i < t.columns().size(); i++) {
            if (t.columns().get(i).name().equals(column)) {
                return t.pointerOf(i);
            }
        }
        return "";
    }
}
