package io.pgcarry.arrival;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.catalog.SqlResource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads a {@link Structure} in one catalog query, on the caller's connection and transaction. */
public final class StructureReader {
    private static final SqlResource SQL = SqlResource.of(StructureReader.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() { };

    private StructureReader() {
    }

    /**
     * The structure of {@code tables}, their partitions and inheritance children, and the tables whose foreign keys
     * reference them.
     */
    public static Structure read(Connection c, Collection<QualifiedName> tables) throws SQLException {
        Array names = c.createArrayOf("text", tables.stream().map(QualifiedName::sql).toArray());
        try (PreparedStatement ps = c.prepareStatement(SQL.get("structure"))) {
            ps.setArray(1, names);
            ps.setArray(2, names);
            return read(ps);
        }
    }

    /** The structure of every user table of the database. */
    public static Structure readAll(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SQL.get("structure"))) {
            ps.setNull(1, Types.VARCHAR);
            ps.setNull(2, Types.VARCHAR);
            return read(ps);
        }
    }

    private static Structure read(PreparedStatement ps) throws SQLException {
        List<StructureObject> objects = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                objects.add(new StructureObject(StructureObject.Kind.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
                        rs.getString(4), attributes(rs.getString(5))));
            }
        }
        return new Structure(objects);
    }

    private static Map<String, String> attributes(String json) {
        try {
            Map<String, String> parsed = JSON.readValue(json, ATTRIBUTES);
            parsed.values().removeIf(Objects::isNull);
            return parsed;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable catalog attributes " + json, e);
        }
    }
}
