package io.pgcarry.move;

import io.pgcarry.arrival.Structure;
import io.pgcarry.arrival.StructureObject;
import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.QualifiedName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Enabling a partitioned table's trigger again sets its clone on every partition to the same state; partitions whose
 * clone was in another state before the move get it back, shallowest first, from the structure the journal recorded
 * before the move (each statement reaches the partition's own partitions too). Nothing when none was recorded.
 */
final class PartitionTriggerStates {
    private static final String TREE = """
            SELECT n.nspname, c.relname, pn.nspname, pc.relname
              FROM pg_partition_tree(?::regclass) t
              JOIN pg_class c ON c.oid = t.relid JOIN pg_namespace n ON n.oid = c.relnamespace
              JOIN pg_class pc ON pc.oid = t.parentrelid JOIN pg_namespace pn ON pn.oid = pc.relnamespace
             WHERE t.level > 0
             ORDER BY t.level, n.nspname, c.relname""";

    private PartitionTriggerStates() {
    }

    /** The statements that follow {@code ALTER TABLE table ENABLE ... TRIGGER trigger}, re-enabled as {@code state}. */
    static List<String> after(Connection c, long run, QualifiedName table, String trigger, String state) throws SQLException {
        Structure before = StructureJournal.recorded(c, run).orElse(null);
        List<String> sql = new ArrayList<>();
        if (before == null) {
            return sql;
        }
        Map<QualifiedName, String> was = new HashMap<>();
        for (StructureObject o : before.objects()) {
            if (o.kind() == StructureObject.Kind.TRIGGER && o.name().equals(trigger)) {
                was.put(new QualifiedName(o.schema(), o.table()), o.attribute("enabled"));
            }
        }
        was.put(table, state);
        try (PreparedStatement ps = c.prepareStatement(TREE)) {
            ps.setString(1, table.sql());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    QualifiedName partition = new QualifiedName(rs.getString(1), rs.getString(2));
                    String own = was.get(partition);
                    if (own != null && !own.equals(was.get(new QualifiedName(rs.getString(3), rs.getString(4))))) {
                        sql.add("ALTER TABLE " + partition.sql() + " " + switch (own) {
                            case "D" -> "DISABLE";
                            case "R" -> "ENABLE REPLICA";
                            case "A" -> "ENABLE ALWAYS";
                            default -> "ENABLE";
                        } + " TRIGGER " + Identifiers.quote(trigger));
                    }
                }
            }
        }
        return sql;
    }
}
