package io.pgcarry.importer;

import io.pgcarry.catalog.SqlResource;
import io.pgcarry.move.Journal;
import io.pgcarry.move.JournalGuard;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The import's tables in pgcarry's journal (schema {@code pgcarry}, created, locked and guarded as {@code move}'s
 * journal is): runs, the snapshot of the files each run read, and the id map. All on the caller's transaction.
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

    static String copyIds() {
        return SQL.get("copy-ids");
    }
}
