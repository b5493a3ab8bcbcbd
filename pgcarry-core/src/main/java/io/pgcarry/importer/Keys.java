package io.pgcarry.importer;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * New target keys for records whose key the target generates. An apply draws them from the key column's sequence (in
 * batches: nextval is not undone by a rollback, so a killed apply leaves a gap, as any failed insert does); a dry run
 * writes nothing, so it counts on from the largest key the table holds instead.
 */
final class Keys {
    private static final int BATCH = 1000;
    private static final String DRAW = """
            SELECT pg_catalog.nextval(pg_catalog.pg_get_serial_sequence(?, ?)) FROM pg_catalog.generate_series(1, ?)
            """;

    private final Connection target;
    private final boolean draw;
    private final Map<Integer, Deque<Long>> drawn = new HashMap<>();
    private final Map<Integer, Long> counted = new HashMap<>();

    Keys(Connection target, boolean draw) {
        this.target = target;
        this.draw = draw;
    }

    String next(Target t) {
        return switch (t.collection().id().generate()) {
            case UUID -> UUID.randomUUID().toString();
            case SEQUENCE -> Long.toString(draw ? drawn(t) : counted(t));
            case SOURCE -> throw new IllegalStateException("a source key is not generated");
        };
    }

    private long drawn(Target t) {
        Deque<Long> keys = drawn.computeIfAbsent(t.number(), n -> new ArrayDeque<>());
        if (keys.isEmpty()) {
            String column = t.columns().get(t.keyIndex()).name();
            try (PreparedStatement ps = target.prepareStatement(DRAW)) {
                ps.setString(1, t.name().sql());
                ps.setString(2, column);
                ps.setInt(3, BATCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getObject(1) == null) {
                            throw new ConfigurationException("collection " + t.qualified() + ": key " + column + " of " + t.name()
                                    + " has no sequence (identity or serial); use generate: source or uuid");
                        }
                        keys.add(rs.getLong(1));
                    }
                }
            } catch (SQLException e) {
                throw SqlErrors.translate("drawing keys of " + t.name(), e);
            }
        }
        return keys.poll();
    }

    private long counted(Target t) {
        Long last = counted.get(t.number());
        if (last == null) {
            String column = Identifiers.quote(t.columns().get(t.keyIndex()).name());
            try (PreparedStatement ps = target.prepareStatement("SELECT pg_catalog.max(" + column + ")::int8 FROM " + t.rowsSql());
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                last = rs.getLong(1);
            } catch (SQLException e) {
                throw SqlErrors.translate("reading the largest key of " + t.name(), e);
            }
        }
        counted.put(t.number(), last + 1);
        return last + 1;
    }
}
