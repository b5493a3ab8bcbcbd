package io.pgcarry.migrate.tools;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.migrate.LedgerEntry;
import io.pgcarry.migrate.LedgerEntry.Outcome;
import io.pgcarry.migrate.LocalMigration;
import io.pgcarry.migrate.VersionKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code flyway_schema_history} as Flyway does, row by row in {@code installed_rank} order: {@code SCHEMA} rows
 * (Flyway created the schema) are not migrations; a {@code DELETE} row (written by {@code repair} for a missing
 * migration) or an {@code UNDO_*} row cancels the version's earlier row; a {@code BASELINE} row marks its version and
 * all below as applied without running them; {@code success = false} is a failed migration; a repeatable migration's
 * last row is the one that counts; a version applied after a higher one was applied out of order.
 */
final class FlywayLedger {
    private static final String ROWS = """
            SELECT installed_rank, version, description, type, script, checksum,
                   installed_on::pg_catalog.timestamptz, success
              FROM %s ORDER BY installed_rank""";

    private FlywayLedger() {
    }

    static List<LedgerEntry> read(Connection connection, QualifiedName table, List<LocalMigration> local) throws SQLException {
        Map<String, LedgerEntry> entries = new LinkedHashMap<>();
        LedgerEntry highest = null;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(ROWS.formatted(table.sql()))) {
            while (rs.next()) {
                String version = rs.getString(2);
                String type = rs.getString(4);
                if (type.equals("SCHEMA")) {
                    continue;
                }
                String id = version == null ? FlywaySupport.repeatableId(rs.getString(3)) : FlywaySupport.versionId(version);
                if (type.equals("DELETE") || type.startsWith("UNDO_")) {
                    entries.remove(id);
                    continue;
                }
                LedgerEntry entry = entry(rs, id, type);
                if (version != null && highest != null && entry.order().compareTo(highest.order()) < 0) {
                    entry = entry.withNote("applied out of order, after " + highest.version());
                }
                if (version != null && (highest == null || entry.order().compareTo(highest.order()) > 0)) {
                    highest = entry;
                }
                entries.put(id, entry);
            }
        }
        belowBaseline(entries, local);
        return List.copyOf(entries.values());
    }

    private static LedgerEntry entry(ResultSet rs, String id, String type) throws SQLException {
        String version = rs.getString(2);
        String description = rs.getString(3);
        int checksum = rs.getInt(6);
        String recorded = rs.wasNull() ? null : String.valueOf(checksum);
        Outcome outcome = type.equals("BASELINE") ? Outcome.BASELINE : rs.getBoolean(8) ? Outcome.APPLIED : Outcome.FAILED;
        VersionKey order = version == null ? VersionKey.repeatable(description) : VersionKey.dotted(version);
        String note = outcome == Outcome.FAILED ? "success = false in " + rs.getString(5) : null;
        return new LedgerEntry(id, version == null ? "R" : version, description, order, outcome, recorded, null,
                rs.getObject(7, OffsetDateTime.class), note);
    }

    /** Versions on disk at or below a baseline, never run: Flyway counts them as done ("Below Baseline"). */
    private static void belowBaseline(Map<String, LedgerEntry> entries, List<LocalMigration> local) {
        List<LedgerEntry> baselines = entries.values().stream().filter(e -> e.outcome() == Outcome.BASELINE).toList();
        if (baselines.isEmpty()) {
            return;
        }
        LedgerEntry baseline = baselines.get(baselines.size() - 1);
        List<LedgerEntry> below = new ArrayList<>();
        for (LocalMigration m : local) {
            if (!m.order().repeatable() && !entries.containsKey(m.id()) && m.order().compareTo(baseline.order()) < 0) {
                below.add(new LedgerEntry(m.id(), m.version(), m.name(), m.order(), Outcome.APPLIED, null, null, null,
                        "below the baseline " + baseline.version() + ": flyway never runs it"));
            }
        }
        below.forEach(e -> entries.put(e.id(), e));
    }
}
