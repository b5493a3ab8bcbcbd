package io.pgcarry.importer;

import io.pgcarry.catalog.SqlResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Source ids to target keys, per collection ({@code posts}, {@code posts.comments}): those committed by earlier imports,
 * read from pgcarry's journal in the target, and those of this run. References between collections resolve through it,
 * and a record whose id it already holds was imported before, so a re-run changes nothing.
 */
final class IdMap {
    private static final SqlResource SQL = SqlResource.of(ImportJournal.class);

    private final Map<String, Map<String, String>> keys = new HashMap<>();

    /**
     * The ids committed in the target's journal (none when it has no import journal); without {@code children}, only
     * those of top-level collections (all an import needs: a child is skipped with its parent), to spare memory.
     */
    static IdMap read(Connection target, boolean children) throws SQLException {
        IdMap map = new IdMap();
        if (!ImportJournal.exists(target)) {
            return map;
        }
        try (Statement s = target.createStatement()) {
            s.setFetchSize(10_000);
            try (ResultSet rs = s.executeQuery(SQL.get(children ? "ids" : "top-level-ids"))) {
                while (rs.next()) {
                    map.put(rs.getString(1), rs.getString(2), rs.getString(3));
                }
            }
        }
        return map;
    }

    String key(String collection, String sourceId) {
        Map<String, String> ids = keys.get(collection);
        return ids == null ? null : ids.get(sourceId);
    }

    boolean contains(String collection, String sourceId) {
        Map<String, String> ids = keys.get(collection);
        return ids != null && ids.containsKey(sourceId);
    }

    void put(String collection, String sourceId, String key) {
        keys.computeIfAbsent(collection, c -> new HashMap<>()).put(sourceId, key);
    }

    /** How many ids of {@code collection} were committed before. */
    int size(String collection) {
        Map<String, String> ids = keys.get(collection);
        return ids == null ? 0 : ids.size();
    }

}
