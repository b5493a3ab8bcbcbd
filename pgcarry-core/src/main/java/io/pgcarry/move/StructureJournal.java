package io.pgcarry.move;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgcarry.arrival.Structure;
import io.pgcarry.catalog.SqlResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Keeps, per run, the target's structure as it was before the move set anything aside, in a table of its own beside
 * {@link Journal}'s (dropped with the journal's schema). A run journaled by a pgcarry that did not record it has none.
 */
final class StructureJournal {
    private static final SqlResource SQL = SqlResource.of(StructureJournal.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private StructureJournal() {
    }

    /** Records {@code before} for {@code run}, in the caller's transaction (the one that starts the run). */
    static void record(Connection c, long run, Structure before) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(SQL.get("create"));
        }
        try (PreparedStatement ps = c.prepareStatement(SQL.get("record"))) {
            ps.setLong(1, run);
            ps.setString(2, JSON.writeValueAsString(before));
            ps.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the target's structure", e);
        }
    }

    /** The structure recorded for {@code run}, if it was. */
    static Optional<Structure> recorded(Connection c, long run) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet exists = s.executeQuery("SELECT to_regclass('pgcarry.move_structure') IS NOT NULL")) {
            exists.next();
            if (!exists.getBoolean(1)) {
                return Optional.empty();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(SQL.get("recorded"))) {
            ps.setLong(1, run);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(JSON.readValue(rs.getString(1), Structure.class)) : Optional.empty();
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable structure in pgcarry.move_structure for run " + run, e);
        }
    }
}
