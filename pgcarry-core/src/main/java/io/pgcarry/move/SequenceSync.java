package io.pgcarry.move;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.catalog.Sequence;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.plan.MovePlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Set;

/**
 * Sets the target's sequences after the load: a sequence the source also has takes the source's value;
 * sequences of serial and identity columns are moved past the column's largest value in any case.
 */
final class SequenceSync {
    private SequenceSync() {
    }

    /** Returns how many sequences were set. */
    static int sync(MovePlan plan, Connection source, Connection target) {
        Set<QualifiedName> loaded = plan.targetTables();
        int count = 0;
        try {
            for (Sequence seq : plan.target().sequences()) {
                boolean owned = seq.ownerTable() != null && loaded.contains(seq.ownerTable());
                boolean shared = plan.source().sequences().stream().anyMatch(s -> s.name().equals(seq.name()));
                if (!owned && !(shared && seq.ownerTable() == null)) {
                    continue;
                }
                Optional<long[]> sourceValue = shared ? sourceValue(source, seq.name()) : Optional.empty();
                Long max = owned ? maxOf(target, seq) : null;
                long value = sourceValue.map(v -> v[0]).orElse(1L);
                boolean called = sourceValue.map(v -> v[1] == 1).orElse(false);
                if (max != null && (value < max || (value == max && !called))) {
                    value = max;
                    called = true;
                }
                try (PreparedStatement ps = target.prepareStatement("SELECT setval(?::regclass, ?, ?)")) {
                    ps.setString(1, seq.name().sql());
                    ps.setLong(2, value);
                    ps.setBoolean(3, called);
                    ps.execute();
                }
                count++;
            }
            return count;
        } catch (SQLException e) {
            throw SqlErrors.translate("setting sequences", e);
        }
    }

    private static Optional<long[]> sourceValue(Connection source, QualifiedName name) throws SQLException {
        try (Statement s = source.createStatement(); ResultSet rs = s.executeQuery("SELECT last_value, is_called FROM " + name.sql())) {
            rs.next();
            return Optional.of(new long[] {rs.getLong(1), rs.getBoolean(2) ? 1 : 0});
        }
    }

    private static Long maxOf(Connection target, Sequence seq) throws SQLException {
        String sql = "SELECT max(" + Identifiers.quote(seq.ownerColumn()) + ")::bigint FROM " + seq.ownerTable().sql();
        try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            long max = rs.getLong(1);
            return rs.wasNull() ? null : max;
        }
    }
}
