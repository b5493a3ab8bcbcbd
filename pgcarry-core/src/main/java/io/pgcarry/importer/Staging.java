package io.pgcarry.importer;

import io.pgcarry.catalog.Catalog;
import io.pgcarry.catalog.Column;
import io.pgcarry.catalog.Constraint;
import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.catalog.Table;
import io.pgcarry.report.ProblemCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;

/**
 * The converted rows in temporary tables of the target's column types (dropped with the transaction), where the target's
 * constraints are checked on them all at once: CHECKs, uniques within the data and against the rows already there, and
 * foreign keys against the target and the other staged tables, repeated until no rejection makes a further one.
 */
final class Staging {
    /** A staged row that breaks a constraint: its record's ordinal and where in the record. */
    record Broken(long ordinal, String path, ProblemCode code, String object, String reason) {
    }

    /** The fields after a spilled row's values: its record's ordinal, its path, its source id and its parent's. */
    static final int TRAILING = 4;

    private final Connection c;
    private final List<Target> targets;
    private final Map<QualifiedName, Target> byTable;

    Staging(Connection c, List<Target> targets) {
        this.c = c;
        this.targets = targets;
        this.byTable = targets.stream().collect(Collectors.toMap(Target::name, Function.identity(), (a, b) -> a));
    }

    static String table(Target t) {
        return "pg_temp." + Identifiers.quote("pgcarry_import_" + t.number());
    }

    /** Creates the temporary tables and COPYs each target's spilled rows into its own. */
    void load(Spill spill) throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE pgcarry_import_rejected (ordinal int8 PRIMARY KEY) ON COMMIT DROP");
            for (Target t : targets) {
                s.execute("CREATE TEMP TABLE " + Identifiers.quote("pgcarry_import_" + t.number()) + " ON COMMIT DROP AS SELECT "
                        + columns(t, "") + " FROM ONLY " + t.name().sql() + " WITH NO DATA");
                s.execute("ALTER TABLE " + table(t) + " ADD COLUMN pgcarry_ordinal int8, ADD COLUMN pgcarry_path text, "
                        + "ADD COLUMN pgcarry_source_id text, ADD COLUMN pgcarry_parent_id text");
                Path file = spill.file(t.number());
                if (Files.exists(file)) {
                    try (InputStream in = Files.newInputStream(file)) {
                        c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table(t) + " (" + columns(t, "")
                                + ", pgcarry_ordinal, pgcarry_path, pgcarry_source_id, pgcarry_parent_id) FROM STDIN", in, 1 << 16);
                    }
                }
                s.execute("ANALYZE " + table(t));
            }
        }
    }

    /** Every constraint broken by a staged row whose record is not rejected yet; rejects those records. */
    List<Broken> check(Catalog catalog) throws SQLException {
        List<Broken> broken = new ArrayList<>();
        for (Target t : targets) {
            for (Constraint k : catalog.constraintsOf(t.name())) {
                if (staged(t, k.columns()) && k.kind() == 'c') {
                    broken.addAll(reject(t, k, ProblemCode.CHECK_VIOLATION, "fails " + k.definition(), "NOT ("
                            + k.definition().replaceFirst("^CHECK ", "").replaceFirst(" NOT VALID$", "") + ")"));
                } else if (staged(t, k.columns()) && (k.kind() == 'p' || k.kind() == 'u')) {
                    broken.addAll(duplicates(t, k));
                }
            }
        }
        List<Broken> round;
        do {
            round = new ArrayList<>();
            for (Target t : targets) {
                for (Constraint fk : catalog.constraintsOf(t.name())) {
                    if (fk.isForeignKey() && staged(t, fk.columns())) {
                        round.addAll(orphans(t, fk, catalog));
                    }
                }
            }
            broken.addAll(round);
        } while (!round.isEmpty());
        return broken;
    }

    private List<Broken> duplicates(Target t, Constraint k) throws SQLException {
        String cols = k.columns().stream().map(Identifiers::quote).collect(Collectors.joining(", "));
        String notNull = k.columns().stream().map(n -> "s." + Identifiers.quote(n) + " IS NOT NULL").collect(Collectors.joining(" AND "));
        List<Broken> result = new ArrayList<>(reject(t, k, ProblemCode.DUPLICATE_KEY, "repeats the key (" + String.join(", ", k.columns())
                + ") of an earlier record", "s.ctid IN (SELECT d.ctid FROM (SELECT ctid, pg_catalog.row_number() OVER (PARTITION BY " + cols
                + " ORDER BY pgcarry_ordinal) AS n FROM " + table(t) + ") d WHERE d.n > 1) AND " + notNull));
        result.addAll(reject(t, k, ProblemCode.DUPLICATE_KEY, "repeats the key (" + String.join(", ", k.columns())
                + ") of a row already in the target", notNull + " AND EXISTS (SELECT FROM " + t.rowsSql() + " x WHERE "
                + match("x", k.columns(), "s", k.columns()) + ")"));
        return result;
    }

    private List<Broken> orphans(Target t, Constraint fk, Catalog catalog) throws SQLException {
        String notNull = fk.columns().stream().map(n -> "s." + Identifiers.quote(n) + " IS NOT NULL").collect(Collectors.joining(" AND "));
        String referencedRows = catalog.table(fk.references()).map(r -> Table.rowsSql(r.name(), r.partitioned()))
                .orElse("ONLY " + fk.references().sql());
        String condition = notNull + " AND NOT EXISTS (SELECT FROM " + referencedRows + " x WHERE "
                + match("x", fk.refColumns(), "s", fk.columns()) + ")";
        Target referenced = byTable.get(fk.references());
        if (referenced != null && staged(referenced, fk.refColumns())) {
            condition += " AND NOT EXISTS (SELECT FROM " + table(referenced) + " x WHERE " + match("x", fk.refColumns(), "s", fk.columns())
                    + " AND x.pgcarry_ordinal NOT IN (SELECT ordinal FROM pg_temp.pgcarry_import_rejected))";
        }
        return reject(t, fk, ProblemCode.FK_ORPHAN, "references a row of " + fk.references() + " that neither the target nor the "
                + "accepted records hold", condition);
    }

    /** The staged rows of {@code t} not yet rejected that meet {@code condition}: recorded as rejected, returned. */
    private List<Broken> reject(Target t, Constraint k, ProblemCode code, String reason, String condition) throws SQLException {
        int first = indexOf(t, k.columns().isEmpty() ? null : k.columns().get(0));
        String sql = "SELECT s.pgcarry_ordinal, s.pgcarry_path, " + keyText(k.columns(), "s") + " FROM " + table(t) + " s WHERE s.pgcarry_ordinal NOT IN "
                + "(SELECT ordinal FROM pg_temp.pgcarry_import_rejected) AND " + condition;
        List<Broken> result = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String pointer = first < 0 ? "" : t.pointerOf(first);
                String value = k.kind() == 'c' ? "" : " (" + rs.getString(3) + ")";
                result.add(new Broken(rs.getLong(1), rs.getString(2) + pointer, code, k.label(), reason + value));
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO pg_temp.pgcarry_import_rejected SELECT DISTINCT s.pgcarry_ordinal FROM " + table(t) + " s WHERE "
                    + "s.pgcarry_ordinal NOT IN (SELECT ordinal FROM pg_temp.pgcarry_import_rejected) AND " + condition);
        }
        return result;
    }

    /**
     * The staged rows with the keys a verify did not hold in memory filled in from the journal's id map (those the
     * target generated for child rows, and their parents' when those are child rows too): a view per child target that
     * joins the map, so the rows are not written again.
     */
    Function<Target, String> resolveKeys() throws SQLException {
        Map<Integer, String> views = new java.util.HashMap<>();
        try (Statement s = c.createStatement()) {
            for (Target t : targets) {
                if (t.collection().isChild()) {
                    String view = Identifiers.quote("pgcarry_import_keyed_" + t.number());
                    s.execute("CREATE TEMP VIEW " + view + " AS " + keyed(t));
                    views.put(t.number(), "pg_temp." + view);
                }
            }
        }
        return t -> views.getOrDefault(t.number(), table(t));
    }

    private String keyed(Target t) {
        boolean ownKey = t.keyIndex() >= 0 && t.collection().id().generate() != ImportMapping.KeySource.SOURCE;
        String parent = t.qualified().substring(0, t.qualified().lastIndexOf('.'));
        List<String> select = new ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) {
            Column column = t.columns().get(i);
            String name = Identifiers.quote(column.name());
            String map = i == t.parentIndex() ? "mp" : ownKey && i == t.keyIndex() ? "mk" : null;
            select.add(map == null ? "s." + name : "COALESCE(s." + name + ", " + map + ".target_key::" + column.type() + ") AS " + name);
        }
        return "SELECT " + String.join(", ", select) + ", s.pgcarry_ordinal, s.pgcarry_path FROM " + table(t) + " s"
                + (ownKey ? " LEFT JOIN pgcarry.import_id mk ON mk.collection = " + Identifiers.literal(t.qualified())
                + " AND mk.source_id = s.pgcarry_source_id" : "")
                + " LEFT JOIN pgcarry.import_id mp ON mp.collection = " + Identifiers.literal(parent) + " AND mp.source_id = s.pgcarry_parent_id";
    }

    /** Removes the staged rows of records an apply left out (rejected under --allow-rejects). */
    void leaveOut(java.util.Collection<Long> ordinals) throws SQLException {
        if (ordinals.isEmpty()) {
            return;
        }
        try (var ps = c.prepareStatement("CREATE TEMP TABLE pgcarry_import_left_out (ordinal int8 PRIMARY KEY) ON COMMIT DROP");
             var insert = c.prepareStatement("INSERT INTO pg_temp.pgcarry_import_left_out VALUES (?)");
             Statement s = c.createStatement()) {
            ps.execute();
            for (long o : ordinals) {
                insert.setLong(1, o);
                insert.addBatch();
            }
            insert.executeBatch();
            for (Target t : targets) {
                s.execute("DELETE FROM " + table(t) + " s USING pg_temp.pgcarry_import_left_out o WHERE s.pgcarry_ordinal = o.ordinal");
            }
        }
    }

    /** Marks records rejected while converting, so the rows that point at them are found as orphans. */
    void rejectAll(java.util.Collection<Long> ordinals) throws SQLException {
        try (var ps = c.prepareStatement("INSERT INTO pg_temp.pgcarry_import_rejected VALUES (?) ON CONFLICT DO NOTHING")) {
            for (long o : ordinals) {
                ps.setLong(1, o);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static String keyText(List<String> columns, String alias) {
        if (columns.isEmpty()) {
            return "''";
        }
        return "pg_catalog.concat_ws(', ', " + columns.stream().map(n -> alias + "." + Identifiers.quote(n) + "::text")
                .collect(Collectors.joining(", ")) + ")";
    }

    static String match(String left, List<String> leftColumns, String right, List<String> rightColumns) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < leftColumns.size(); i++) {
            parts.add(left + "." + Identifiers.quote(leftColumns.get(i)) + " = " + right + "." + Identifiers.quote(rightColumns.get(i)));
        }
        return String.join(" AND ", parts);
    }

    static String columns(Target t, String alias) {
        return t.columns().stream().map(Column::name).map(n -> alias + Identifiers.quote(n)).collect(Collectors.joining(", "));
    }

    private static boolean staged(Target t, List<String> columns) {
        return !columns.isEmpty() && columns.stream().allMatch(n -> indexOf(t, n) >= 0);
    }

    private static int indexOf(Target t, String name) {
        for (int i = 0; i < t.columns().size(); i++) {
            if (t.columns().get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
