package io.pgcarry.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgcarry.catalog.Identifiers;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Security labels (SECURITY LABEL FOR provider ON object IS 'label'), which a label provider such as sepgsql or
 * PostgreSQL Anonymizer gives objects: read from {@code pg_seclabel} and held by the object they label, as its
 * {@code security_labels} attribute (provider to label, as JSON), so they are written after it like its comment and
 * compared with it. A label on an object the model does not carry (a large object, an extension's member) stays
 * unmodelled, named. Writing one needs the provider loaded in the target's sessions, as it does for pg_dump's
 * output; without it the server refuses the statement.
 */
final class SecurityLabels {
    static final String ATTRIBUTE = "security_labels";
    private static final String LABELS = """
            select l.classoid::regclass::text || ':' || l.objoid || ':' || l.objsubid, l.provider, l.label,
                   pg_describe_object(l.classoid, l.objoid, l.objsubid)
              from pg_seclabel l
             order by 1, 2
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SecurityLabels() {
    }

    /**
     * Adds each label to the attributes of the object it labels; returns the labels of objects not read, each as an
     * unmodelled item ("security label provider on object").
     */
    static List<String> attach(Statement s, Map<String, ObjectId> byAddress, Map<ObjectId, Map<String, String>> attributes)
            throws SQLException {
        Map<ObjectId, Map<String, String>> labels = new LinkedHashMap<>();
        List<String> unmodelled = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(LABELS)) {
            while (rs.next()) {
                ObjectId id = byAddress.get(rs.getString(1));
                if (id == null || !attributes.containsKey(id)) {
                    unmodelled.add("security label " + rs.getString(2) + " on " + rs.getString(4));
                } else {
                    labels.computeIfAbsent(id, k -> new TreeMap<>()).put(rs.getString(2), rs.getString(3));
                }
            }
        }
        labels.forEach((id, byProvider) -> attributes.get(id).put(ATTRIBUTE, json(byProvider)));
        return unmodelled;
    }

    /** The statements that give {@code id} the labels {@code wanted} and take away those of {@code found} it lacks. */
    static List<String> statements(ObjectId id, String wanted, String found) {
        Map<String, String> want = parse(wanted);
        List<String> sql = new ArrayList<>();
        parse(found).keySet().stream().filter(provider -> !want.containsKey(provider))
                .forEach(provider -> sql.add(statement(id, provider, null)));
        Map<String, String> had = parse(found);
        want.forEach((provider, label) -> {
            if (!label.equals(had.get(provider))) {
                sql.add(statement(id, provider, label));
            }
        });
        return sql;
    }

    /** {@code SECURITY LABEL FOR provider ON ... IS ...}; {@code label} null removes it. */
    private static String statement(ObjectId id, String provider, String label) {
        return "SECURITY LABEL FOR " + Identifiers.quote(provider) + " ON " + Ddl.commentTarget(id) + " IS "
                + (label == null ? "NULL" : Identifiers.literal(label));
    }

    private static Map<String, String> parse(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return new TreeMap<>(JSON.readValue(json, new TypeReference<Map<String, String>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable security labels: " + json, e);
        }
    }

    private static String json(Map<String, String> byProvider) {
        try {
            return JSON.writeValueAsString(byProvider);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
