package io.pgcarry.move;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.error.SqlErrors;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What ties the target's keys and indexes to other objects, read before a move sets any of them aside: foreign keys
 * declared on partitions (which the catalog model, whose unit is the partitioned table, does not list), and objects
 * that depend on a key or index and would make dropping it fail (a view that groups by a primary key, a foreign key
 * pgcarry does not set aside).
 */
final class TargetLinks {
    /** Foreign keys declared on a partition itself (not inherited from its parent's), with the roots of both ends. */
    private static final String PARTITION_FOREIGN_KEYS = """
            SELECT n.nspname, c.relname, k.conname, pg_catalog.pg_get_constraintdef(k.oid), k.convalidated,
                   rn.nspname, rr.relname, tn.nspname, tr.relname
            FROM pg_catalog.pg_constraint k
            JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_catalog.pg_class tr ON tr.oid = pg_catalog.pg_partition_root(c.oid)
            JOIN pg_catalog.pg_namespace tn ON tn.oid = tr.relnamespace
            JOIN pg_catalog.pg_class rr ON rr.oid = COALESCE(pg_catalog.pg_partition_root(k.confrelid), k.confrelid)
            JOIN pg_catalog.pg_namespace rn ON rn.oid = rr.relnamespace
            WHERE k.contype = 'f' AND c.relispartition AND k.conparentid = 0
            ORDER BY 1, 2, 3
            """;
    /**
     * Keys and indexes (given as table and name) that something outside the given foreign keys depends on: dropping
     * them would fail, or (with CASCADE, which pgcarry never uses) take that object with them. An index that is the
     * table's replica identity or its CLUSTER index counts too: re-created, it would be neither.
     */
    private static final String DEPENDED_ON = """
            WITH wanted AS (
                SELECT pg_catalog.to_regclass(t) AS tbl, nm, n
                FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS w(t, nm, n)),
            objects AS (
                SELECT w.n, 'pg_catalog.pg_constraint'::pg_catalog.regclass AS cls, k.oid
                FROM wanted w JOIN pg_catalog.pg_constraint k ON k.conrelid = w.tbl AND k.conname = w.nm
                UNION ALL
                SELECT w.n, 'pg_catalog.pg_class'::pg_catalog.regclass, i.oid
                FROM wanted w JOIN pg_catalog.pg_index x ON x.indrelid = w.tbl
                JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid AND i.relname = w.nm
                UNION ALL
                SELECT w.n, 'pg_catalog.pg_class'::pg_catalog.regclass, k.conindid
                FROM wanted w JOIN pg_catalog.pg_constraint k ON k.conrelid = w.tbl AND k.conname = w.nm AND k.conindid <> 0),
            excused AS (
                SELECT k.oid FROM unnest(?::text[], ?::text[]) AS e(t, nm)
                JOIN pg_catalog.pg_constraint k ON k.conrelid = pg_catalog.to_regclass(e.t) AND k.conname = e.nm)
            SELECT DISTINCT o.n
            FROM objects o
            JOIN pg_catalog.pg_depend d ON d.refclassid = o.cls AND d.refobjid = o.oid AND d.deptype = 'n'
            WHERE NOT (d.classid = 'pg_catalog.pg_constraint'::pg_catalog.regclass AND d.objid IN (SELECT oid FROM excused))
              AND NOT (d.classid = 'pg_catalog.pg_constraint'::pg_catalog.regclass AND d.objid IN (
                       SELECT k.oid FROM pg_catalog.pg_constraint k WHERE k.conindid = o.oid AND k.contype IN ('p', 'u')))
            UNION
            SELECT o.n FROM objects o JOIN pg_catalog.pg_index x ON x.indexrelid = o.oid
            WHERE o.cls = 'pg_catalog.pg_class'::pg_catalog.regclass AND (x.indisreplident OR x.indisclustered)
            ORDER BY 1
            """;

    /** A foreign key of the target, with the partition roots of its two tables (the tables themselves when unpartitioned). */
    record ForeignKey(QualifiedName table, String name, String definition, boolean validated, QualifiedName tableRoot,
                      QualifiedName referencedRoot) {
    }

    private TargetLinks() {
    }

    static List<ForeignKey> partitionForeignKeys(Connection target) {
        List<ForeignKey> result = new ArrayList<>();
        try (PreparedStatement ps = target.prepareStatement(PARTITION_FOREIGN_KEYS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(new ForeignKey(new QualifiedName(rs.getString(1), rs.getString(2)), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), new QualifiedName(rs.getString(8), rs.getString(9)),
                        new QualifiedName(rs.getString(6), rs.getString(7))));
            }
            return result;
        } catch (SQLException e) {
            throw SqlErrors.translate("reading the foreign keys of the target's partitions", e);
        }
    }

    /**
     * The keys and indexes among {@code objects} that something other than the foreign keys in {@code objects}
     * depends on, so that they must stay in place (the load then maintains them row by row, which is slower but loses
     * nothing).
     */
    static Set<JournalObject> dependedOn(Connection target, List<JournalObject> objects) {
        List<JournalObject> candidates = objects.stream()
                .filter(o -> o.kind() == SetAsideKind.KEY || o.kind() == SetAsideKind.INDEX).toList();
        List<JournalObject> foreignKeys = objects.stream().filter(o -> o.kind() == SetAsideKind.FOREIGN_KEY).toList();
        Set<JournalObject> result = new HashSet<>();
        if (candidates.isEmpty()) {
            return result;
        }
        try (PreparedStatement ps = target.prepareStatement(DEPENDED_ON)) {
            ps.setArray(1, texts(target, candidates.stream().map(o -> o.table().sql()).toList()));
            ps.setArray(2, texts(target, candidates.stream().map(JournalObject::name).toList()));
            ps.setArray(3, texts(target, foreignKeys.stream().map(o -> o.table().sql()).toList()));
            ps.setArray(4, texts(target, foreignKeys.stream().map(JournalObject::name).toList()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(candidates.get(rs.getInt(1) - 1));
                }
            }
            return result;
        } catch (SQLException e) {
            throw SqlErrors.translate("reading what depends on the target's keys and indexes", e);
        }
    }

    private static Array texts(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray());
    }
}
