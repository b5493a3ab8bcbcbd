package io.pgcarry.migrate.tools;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.migrate.LedgerEntry;
import io.pgcarry.migrate.LedgerEntry.Outcome;
import io.pgcarry.migrate.LocalMigration;
import io.pgcarry.migrate.VersionKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads Sqitch's registry for the plan's project: {@code changes}, one row per deployed change in the order deployed,
 * matched with the plan by change id; then, when the registry has its {@code events} table beside it, the latest event
 * of each planned change that is not deployed: {@code fail} (the deploy failed, and Sqitch reverted the rest of that
 * run) or {@code revert}. A deployed change whose id the plan no longer has is missing; when it is the last one
 * deployed, {@code sqitch deploy} stops on it.
 */
final class SqitchRegistry {
    private static final String CHANGES = """
            SELECT change_id, script_hash, change, note, committed_at FROM %s
             WHERE project = ? OR ? IS NULL ORDER BY committed_at, change_id""";
    private static final String LATEST_EVENTS = """
            SELECT DISTINCT ON (change_id) change_id, event, committed_at FROM %s
             WHERE project = ? ORDER BY change_id, committed_at DESC""";

    private SqitchRegistry() {
    }

    static List<LedgerEntry> read(Connection connection, QualifiedName table, List<LocalMigration> local) throws SQLException {
        String project = local.isEmpty() ? null : local.get(0).id().substring(0, local.get(0).id().indexOf(':'));
        Map<String, LocalMigration> planned = local.stream()
                .collect(Collectors.toMap(LocalMigration::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        Map<String, LedgerEntry> entries = deployed(connection, table, project, planned);
        QualifiedName events = new QualifiedName(table.schema(), "events");
        if (project != null && exists(connection, events)) {
            for (LedgerEntry undeployed : undeployed(connection, events, project, planned, entries)) {
                entries.put(undeployed.id(), undeployed);
            }
        }
        return List.copyOf(entries.values());
    }

    private static Map<String, LedgerEntry> deployed(Connection connection, QualifiedName table, String project,
                                                     Map<String, LocalMigration> planned) throws SQLException {
        Map<String, LedgerEntry> entries = new LinkedHashMap<>();
        RunOrder order = new RunOrder();
        LedgerEntry last = null;
        try (PreparedStatement s = connection.prepareStatement(CHANGES.formatted(table.sql()))) {
            s.setString(1, project);
            s.setString(2, project);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String id = SqitchSupport.id(project, rs.getString(1));
                    LocalMigration change = planned.get(id);
                    String name = rs.getString(3);
                    VersionKey place = change == null ? order.gone(name) : order.found(change.order());
                    last = new LedgerEntry(id, change == null ? name : change.version(), rs.getString(4), place, Outcome.APPLIED,
                            rs.getString(2), null, rs.getObject(5, OffsetDateTime.class),
                            change == null ? notPlanned(rs.getString(1), name, planned) : null);
                    entries.put(id, last);
                }
            }
        }
        if (last != null && !planned.containsKey(last.id())) {
            entries.put(last.id(), last.withNote(last.note() + "; it is the last one deployed, so sqitch deploy stops: "
                    + "it cannot find it in the plan"));
        }
        return entries;
    }

    /** Why a deployed change is not in the plan, naming the planned change of that name when there is one. */
    private static String notPlanned(String changeId, String name, Map<String, LocalMigration> planned) {
        String base = "change id " + shortId(changeId) + " is not in sqitch.plan";
        return planned.values().stream().filter(m -> m.version().equals(name)).findFirst()
                .map(m -> base + ": the plan's " + name + " has id " + shortId(m.id().substring(m.id().indexOf(':') + 1))
                        + ", so its line or one before it changed (each change id chains its parent's)")
                .orElse(base + ": the change was removed from the plan");
    }

    private static String shortId(String changeId) {
        return changeId.length() > 12 ? changeId.substring(0, 8) + "…" : changeId;
    }

    private static List<LedgerEntry> undeployed(Connection connection, QualifiedName events, String project,
                                                Map<String, LocalMigration> planned, Map<String, LedgerEntry> deployed)
            throws SQLException {
        List<LedgerEntry> entries = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(LATEST_EVENTS.formatted(events.sql()))) {
            s.setString(1, project);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String id = SqitchSupport.id(project, rs.getString(1));
                    LocalMigration change = planned.get(id);
                    String event = rs.getString(2);
                    OffsetDateTime at = rs.getObject(3, OffsetDateTime.class);
                    if (change != null && !deployed.containsKey(id) && (event.equals("fail") || event.equals("revert"))) {
                        boolean failed = event.equals("fail");
                        entries.add(new LedgerEntry(id, change.version(), null, change.order(),
                                failed ? Outcome.FAILED : Outcome.ROLLED_BACK, null, null, at, failed
                                ? "its last deploy failed (sqitch.events); sqitch reverted the rest of that run and deploys it again"
                                : "reverted (sqitch.events)"));
                    }
                }
            }
        }
        return entries;
    }

    private static boolean exists(Connection connection, QualifiedName table) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_catalog.to_regclass(?) IS NOT NULL")) {
            s.setString(1, table.sql());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
