package io.pgcarry.importer;

import io.pgcarry.catalog.Identifiers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Strict parity: the records as converted (staged in temporary tables) against the target's rows, joined on each
 * table's primary key, value by value as PostgreSQL prints them (so {@code 1.50} and {@code 1.5} differ, as a strict
 * check must), plus the target's rows that no record explains. Columns filled with {@code now()} are not compared.
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

    List<Difference> compare(List<Target> targets, Locate locate) throws SQLException {
        List<Difference> found = new ArrayList<>();
        for (Target t : targets) {
            List<String> key = t.table().primaryKey();
            String keyOn = Staging.match("s", key, "x", key);
            String keyText = Staging.keyText(key, "x");
            query(found, t, locate, "SELECT s.pgcarry_ordinal, s.pgcarry_path, " + Staging.keyText(key, "s") + ", NULL, 'present', 'missing' FROM "
                    + Staging.table(t) + " s WHERE NOT EXISTS (SELECT FROM ONLY " + t.name().sql() + " x WHERE " + keyOn + ")");
            String values = values(t);
            if (!values.isEmpty()) {
                query(found, t, locate, "SELECT s.pgcarry_ordinal, s.pgcarry_path, " + keyText + ", v.c, v.e, v.a FROM " + Staging.table(t)
                        + " s JOIN ONLY " + t.name().sql() + " x ON " + keyOn + " CROSS JOIN LATERAL (VALUES " + values
                        + ") v (c, e, a) WHERE v.e IS DISTINCT FROM v.a ORDER BY s.pgcarry_ordinal");
            }
            query(found, t, locate, "SELECT NULL, NULL, " + keyText + ", NULL, 'no record', 'present' FROM ONLY " + t.name().sql()
                    + " x WHERE NOT EXISTS (SELECT FROM " + Staging.table(t) + " s WHERE " + keyOn + ")");
        }
        return found;
    }

    private static String values(Target t) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) {
            if (t.specs().get(i) instanceof ValueSpec.Now) {
                continue;
            }
            String column = Identifiers.quote(t.columns().get(i).name());
            parts.add("(" + Identifiers.literal(t.columns().get(i).name()) + ", s." + column + "::text, x." + column + "::text)");
        }
        return String.join(", ", parts);
    }

    private void query(List<Difference> found, Target t, Locate locate, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    total++;
                    rs.getLong(1);
                    unexplained += rs.wasNull() ? 1 : 0;
                    if (found.size() >= max) {
                        continue;
                    }
                    found.add(difference(t, locate, rs));
                }
            }
        }
    }

    private static Difference difference(Target t, Locate locate, ResultSet rs) throws SQLException {
        String column = rs.getString(4);
        long ordinal = rs.getLong(1);
        if (rs.wasNull()) {
            return new Difference(null, null, null, t.name().toString(), rs.getString(3), null, rs.getString(5), rs.getString(6));
        }
        SourceRecordRef ref = locate.apply(ordinal);
        String path = rs.getString(2) + (column == null ? "" : pointer(t, column));
        return new Difference(ref.file(), ref.index(), path, t.name().toString(), rs.getString(3), column, rs.getString(5), rs.getString(6));
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
