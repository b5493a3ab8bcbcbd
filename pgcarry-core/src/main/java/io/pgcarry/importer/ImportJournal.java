package io.pgcarry.importer;

import io.pgcarry.Version;
import io.pgcarry.catalog.SqlResource;
import io.pgcarry.hash.ContentTotals;
import io.pgcarry.move.Journal;
import io.pgcarry.move.JournalGuard;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The import's tables in pgcarry's journal (schema {@code pgcarry}, created, locked and guarded as {@code move}'s
 * journal is): runs, the snapshot of the files each run read, the id map, and what a run's parity proved. All on the
 * caller's transaction.
 */
final class ImportJournal {
    private static final SqlResource SQL = SqlResource.of(ImportJournal.class);

    private ImportJournal() {
    }

    /** Creates the journal and the import's tables when missing, and starts a run. */
    static long start(Connection c, String mapping) throws SQLException {
        Journal.create(c);
        try (Statement s = c.createStatement()) {
            s.execute(SQL.get("create"));
        }
        JournalGuard.verify(c);
        try (PreparedStatement ps = c.prepareStatement(SQL.get("start-run"))) {
            ps.setString(1, mapping);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Whether the target holds an import's id map (once the journal is known to be pgcarry's own). */
    static boolean exists(Connection c) throws SQLException {
        Journal.exists(c);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SQL.get("exists"))) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    static void files(Connection c, long run, List<FileSnapshot> files) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL.get("add-file"))) {
            for (FileSnapshot f : files) {
                ps.setLong(1, run);
                ps.setString(2, f.collection());
                ps.setString(3, f.file());
                ps.setString(4, f.sha256());
                ps.setLong(5, f.records());
                ps.setString(6, f.recordsSha256());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static void finish(Connection c, long run) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL.get("finish-run"))) {
            ps.setLong(1, run);
            ps.executeUpdate();
        }
    }

    /** Removes runs that never finished (none can exist, as a run commits only finished; older tools aside). */
    static long dropUnfinished(Connection c) throws SQLException {
        if (!exists(c)) {
            return 0;
        }
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(SQL.get("drop-unfinished"));
        }
    }

    /**
     * What a run proved when its parity found the tables holding exactly its records: the mapping file's SHA-256, the
     * pgcarry that proved it, and each target table's content hash then.
     */
    static void prove(Connection c, long run, String mappingSha256, Map<String, ContentTotals> tables) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL.get("prove-run"))) {
            ps.setString(1, mappingSha256);
            ps.setString(2, provedBy());
            ps.setLong(3, run);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(SQL.get("add-proof"))) {
            for (Map.Entry<String, ContentTotals> t : tables.entrySet()) {
                ps.setLong(1, run);
                ps.setString(2, t.getKey());
                ps.setLong(3, t.getValue().rows());
                ps.setLong(4, t.getValue().sum());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * A proof left by a run.
     *
     * @param run      the run
     * @param files    its input files as it read them
     * @param tables   each target table's content hash when it committed
     */
    record Proof(long run, List<FileSnapshot> files, Map<String, ContentTotals> tables) {
    }

    /**
     * The proof of the last finished run of the mapping file with this SHA-256, made by this very pgcarry (another
     * version may convert differently); empty when there is none.
     */
    static Optional<Proof> latestProof(Connection c, String mappingSha256) throws SQLException {
        if (!exists(c) || !scalarTrue(c, "has-proofs")) {
            return Optional.empty();
        }
        long run;
        try (PreparedStatement ps = c.prepareStatement(SQL.get("latest-proof"))) {
            ps.setString(1, mappingSha256);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !provedBy().equals(rs.getString(2))) {
                    return Optional.empty();
                }
                run = rs.getLong(1);
            }
        }
        List<FileSnapshot> files = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SQL.get("proof-files"))) {
            ps.setLong(1, run);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    files.add(new FileSnapshot(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5)));
                }
            }
        }
        Map<String, ContentTotals> tables = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(SQL.get("proof-tables"))) {
            ps.setLong(1, run);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.put(rs.getString(1), new ContentTotals(rs.getLong(2), rs.getLong(3)));
                }
            }
        }
        return Optional.of(new Proof(run, files, tables));
    }

    private static boolean scalarTrue(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SQL.get(query))) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** The pgcarry that made a proof: its conversions are the ones the proof vouches for. */
    private static String provedBy() {
        return "pgcarry " + Version.current();
    }

    static String copyIds() {
        return SQL.get("copy-ids");
    }
}
