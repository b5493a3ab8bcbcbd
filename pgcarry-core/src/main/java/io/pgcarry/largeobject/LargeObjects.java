package io.pgcarry.largeobject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.SqlResource;
import io.pgcarry.error.DatabaseException;
import io.pgcarry.report.Counts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Reads the large objects of a database from its catalog, in whatever snapshot the connection is in. */
public final class LargeObjects {
    private static final SqlResource SQL = SqlResource.of(LargeObjects.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How many OIDs a message names; the rest are counted. */
    public static final int NAMED = 10;

    private LargeObjects() {
    }

    /** Every large object, by OID, with owner, comment and access list. */
    public static List<LargeObject> read(Connection c) throws SQLException {
        List<LargeObject> objects = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SQL.get("list"))) {
            while (rs.next()) {
                objects.add(new LargeObject(rs.getLong(1), rs.getString(2), rs.getString(3), grants(rs.getString(4))));
            }
        }
        return objects;
    }

    /** The OIDs of the objects whose content this role may not read. */
    public static List<Long> unreadable(Connection c) throws SQLException {
        return oids(c, SQL.get("unreadable"), null);
    }

    /** Which of {@code oids} exist as large objects on {@code c}. */
    public static List<Long> existing(Connection c, Collection<Long> oids) throws SQLException {
        return oids.isEmpty() ? List.of() : oids(c, SQL.get("existing"), oids);
    }

    public static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SQL.get("count"))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Refuses, naming them, objects of {@code c} that this role may not read: their content could not be carried or
     * compared.
     *
     * @param side  "the source", "the target"
     * @param doing what needs the content ("copy", "back up", "compare")
     */
    public static void requireReadable(Connection c, String side, String doing) throws SQLException {
        requireReadable(c, unreadable(c), side, doing);
    }

    /** Refuses, naming them, {@code unreadable} objects (from {@link #unreadable}) when there are any. */
    public static void requireReadable(Connection c, List<Long> unreadable, String side, String doing) throws SQLException {
        if (!unreadable.isEmpty()) {
            throw new DatabaseException("role " + currentUser(c) + " may not read " + Counts.of(unreadable.size(), "large object")
                    + " of " + side + " (" + named(unreadable) + "), so it cannot " + doing + " them; grant it SELECT on them"
                    + " (GRANT SELECT ON LARGE OBJECT ...), or connect as their owner", "42501", null);
        }
    }

    /** Up to {@link #NAMED} OIDs, then how many more. */
    public static String named(List<Long> oids) {
        String named = oids.stream().limit(NAMED).map(String::valueOf).collect(Collectors.joining(", "));
        return oids.size() > NAMED ? named + " and " + (oids.size() - NAMED) + " more" : named;
    }

    private static List<Long> oids(Connection c, String sql, Collection<Long> parameter) throws SQLException {
        List<Long> oids = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setArray(1, c.createArrayOf("int8", parameter.toArray()));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    oids.add(rs.getLong(1));
                }
            }
        }
        return oids;
    }

    private static String currentUser(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CURRENT_USER")) {
            rs.next();
            return Identifiers.display(rs.getString(1));
        }
    }

    private static List<LargeObject.Grant> grants(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, new TypeReference<List<LargeObject.Grant>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable access list of a large object: " + json, e);
        }
    }
}
