package io.pgcarry.rehearse;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.catalog.SqlResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The scratch database's relations at one moment, read in the session that runs the migration (so that, inside a
 * statement's transaction, it sees what the statement did before it commits), with the WAL position.
 *
 * @param relations by oid
 * @param walLsn    {@code pg_current_wal_insert_lsn()} when read (the WAL written so far, flushed or not)
 */
record RelationSnapshot(Map<Long, Relation> relations, String walLsn) {
    private static final SqlResource SQL = SqlResource.of(RelationSnapshot.class);

    RelationSnapshot {
        relations = Map.copyOf(relations);
    }

    /**
     * One relation.
     *
     * @param oid      its oid
     * @param filenode its {@code relfilenode}: a new one means its data was written anew
     * @param name     its name
     * @param kind     {@code pg_class.relkind}
     * @param tableOid the table it belongs to (itself for a table)
     * @param bytes    its size, when it was asked for, else null
     * @param blocks   blocks this transaction read from it (tables only)
     * @param inserted rows this transaction inserted into it
     * @param dead     rows this transaction updated or deleted (each leaves a dead row version)
     */
    record Relation(long oid, long filenode, QualifiedName name, String kind, long tableOid, Long bytes, long blocks, long inserted,
                    long dead) {
        /** The kind in a report's words. */
        String kindLabel() {
            return switch (kind) {
                case "r", "p" -> "table";
                case "i", "I" -> "index";
                case "t" -> "TOAST table";
                case "S" -> "sequence";
                case "v" -> "view";
                case "m" -> "materialized view";
                default -> "relation";
            };
        }
    }

    /** Reads the snapshot; the sizes of {@code sized} relations are read too, of all with {@code sizeAll}. */
    static RelationSnapshot read(Connection c, Collection<Long> sized, boolean sizeAll) throws SQLException {
        Map<Long, Relation> relations = new LinkedHashMap<>();
        String lsn = null;
        try (PreparedStatement ps = c.prepareStatement(SQL.get("snapshot"))) {
            ps.setBoolean(1, sizeAll);
            ps.setArray(2, c.createArrayOf("int8", sized.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Long bytes = rs.getObject(7) == null ? null : rs.getLong(7);
                    relations.put(rs.getLong(1), new Relation(rs.getLong(1), rs.getLong(2), new QualifiedName(rs.getString(3),
                            rs.getString(4)), rs.getString(5), rs.getLong(6), bytes, rs.getLong(8), rs.getLong(9), rs.getLong(10)));
                    lsn = rs.getString(11);
                }
            }
        }
        return new RelationSnapshot(relations, lsn == null ? currentLsn(c) : lsn);
    }

    Optional<Relation> get(long oid) {
        return Optional.ofNullable(relations.get(oid));
    }

    /** Bytes of WAL written since {@code lsn}. */
    static long walSince(Connection c, String lsn) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL.get("wal-since"))) {
            ps.setString(1, lsn);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String currentLsn(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.pg_current_wal_insert_lsn()::pg_catalog.text");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    static SqlResource sql() {
        return SQL;
    }
}
