package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.schema.Hazard.Kind;
import io.pgcarry.schema.ObjectDifference.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runbook 004's rebuild-copy-swap for tables whose column types (or column order) change: the old table is
 * renamed aside and kept with its data, a new one is created as in SOURCE, filled with converted rows, and
 * given SOURCE's keys, indexes, triggers and policies; foreign keys that pointed at the old table are moved
 * to the new one. The rollback swaps back and keeps the rejected table.
 */
final class RebuildPlanner {
    static final String OLD = "_pgcarry_old";
    static final String REJECTED = "_pgcarry_rejected";
    private static final Pattern IDENTITY_NAME = Pattern.compile("^SEQUENCE NAME (.+?) START WITH");

    private final StatementWriter writer;
    private final TargetProbe probe;
    private final SchemaModel source;
    private final SchemaModel target;

    private final Set<ObjectId> rebuilt;

    /** @param rebuilt every table the plan rebuilds: foreign keys between them move with their own table */
    RebuildPlanner(StatementWriter writer, TargetProbe probe, Set<ObjectId> rebuilt) {
        this.writer = writer;
        this.rebuilt = rebuilt;
        this.probe = probe;
        this.source = writer.source();
        this.target = writer.target();
    }

    /**
     * The tables whose columns are retyped or reordered; a partition or inheritance child whose order differs is left to
     * the user ({@link TableChanges}): a copy renamed aside would stay attached to the parent, its rows seen twice.
     */
    static Set<ObjectId> tablesToRebuild(SchemaDifferences differences, SchemaModel source) {
        Set<ObjectId> tables = new TreeSet<>();
        for (ObjectDifference d : differences.differences()) {
            if (d.change() != Change.CHANGED) {
                continue;
            }
            boolean retyped = d.id().kind() == ObjectKind.COLUMN
                    && d.changes().stream().anyMatch(c -> c.attribute().equals("type") || c.attribute().equals("collation"));
            boolean reordered = d.id().kind() == ObjectKind.TABLE && d.changes().stream().anyMatch(c -> c.attribute().equals("column order"));
            if (retyped) {
                tables.add(d.id().table());
            } else if (reordered && source.find(d.id()).map(t -> !TableChanges.hasParents(t)).orElse(false)) {
                tables.add(d.id());
            }
        }
        return tables;
    }

    void rebuild(ObjectId table) {
        SchemaObject wanted = source.find(table).orElseThrow();
        String old = suffixed(table.name(), OLD);
        ObjectId oldTable = new ObjectId(ObjectKind.TABLE, table.schema(), old, null);
        List<SchemaObject> incoming = incomingForeignKeys(target, table).stream()
                .filter(fk -> !rebuilt.contains(fk.id().table())).toList();
        List<SchemaObject> guarded = writer.lossGuard().refuses() ? lossyColumns(table) : List.of();
        setOldAside(table, old, incoming, guarded);
        pre(table, Ddl.create(wanted, source), List.of());
        ObjectExtras.of(wanted).forEach(sql -> pre(table, sql, List.of()));
        copyRows(table, oldTable);
        for (SchemaObject column : guarded) {
            pre(table, "ALTER TABLE " + oldTable.sqlName() + " DROP CONSTRAINT " + writer.lossGuard().constraint(column.id()), List.of());
        }
        completeNew(table, incoming);
        writeRollback(table, old, incoming);
    }

    /**
     * Locks the table, checks lossy casts under the lock, drops the foreign keys that point at it and renames it, its
     * indexes and identity sequences out of the way of the new table.
     */
    private void setOldAside(ObjectId table, String old, List<SchemaObject> incoming, List<SchemaObject> guarded) {
        pre(table, "LOCK TABLE " + table.sqlName() + " IN ACCESS EXCLUSIVE MODE", List.of(Hazard.of(Kind.ACCESS_EXCLUSIVE_LOCK)));
        for (SchemaObject column : guarded) {
            // Checked under the lock, before the copy: the copy's casts would truncate or round silently.
            LossGuard guard = writer.lossGuard();
            LossyCast cast = guard.of(column, target.find(column.id()).orElseThrow()).orElseThrow();
            pre(table, "ALTER TABLE " + table.sqlName() + " ADD CONSTRAINT " + guard.constraint(column.id()) + " " + guard.check(column.id(), cast),
                    List.of(Hazard.of(Kind.FULL_SCAN), guard.hazard(column.id(), cast)));
        }
        for (SchemaObject fk : incoming) {
            pre(fk.id(), Ddl.drop(fk.id()), List.of(new Hazard(Kind.WRITE_LOCK, "brief")));
        }
        for (String[] rename : indexRenames(target, table)) {
            pre(table, "ALTER INDEX " + Identifiers.quote(table.schema()) + "." + Identifiers.quote(rename[0]) + " RENAME TO "
                    + Identifiers.quote(suffixed(rename[0], OLD)), List.of());
        }
        pre(table, "ALTER TABLE " + table.sqlName() + " RENAME TO " + Identifiers.quote(old), List.of());
        for (List<String> sequence : identitySequences(target, table)) {
            pre(table, "ALTER SEQUENCE " + (Identifiers.quote(sequence.get(0)) + "." + Identifiers.quote(sequence.get(1))) + " RENAME TO " + Identifiers.quote(suffixed(sequence.get(1), OLD)), List.of());
        }
        for (SchemaObject sequence : ownedSequences(target, table)) {
            pre(table, "ALTER SEQUENCE " + sequence.id().sqlName() + " OWNED BY NONE", List.of());
        }
    }

    /** Gives the new table its sequences, keys, indexes, triggers and policies, and the foreign keys dropped for it. */
    private void completeNew(ObjectId table, List<SchemaObject> incoming) {
        for (SchemaObject sequence : ownedSequences(source, table)) {
            pre(table, "ALTER SEQUENCE " + sequence.id().sqlName() + " OWNED BY " + sequence.attribute("owned_by"), List.of());
        }
        for (SchemaObject column : source.childrenOf(table, ObjectKind.COLUMN)) {
            if (column.attribute("identity") != null) {
                String c = Identifiers.quote(column.id().name());
                pre(table, "SELECT setval(pg_get_serial_sequence(" + Identifiers.literal(table.sqlName()) + ", " + Identifiers.literal(column.id().name())
                        + "), coalesce(max(" + c + "), 0) + 1, false) FROM " + table.sqlName(), List.of());
            }
        }
        for (ObjectKind kind : List.of(ObjectKind.CONSTRAINT, ObjectKind.INDEX, ObjectKind.TRIGGER, ObjectKind.POLICY)) {
            for (SchemaObject child : source.childrenOf(table, kind)) {
                if (!Ddl.inline(child, source)) {
                    writer.create(child);
                }
            }
        }
        // Only the foreign keys dropped above come back here; any other difference of theirs is planned as usual.
        for (SchemaObject fk : incomingForeignKeys(source, table)) {
            if (incoming.stream().anyMatch(dropped -> dropped.id().equals(fk.id()))) {
                writer.create(fk);
            }
        }
    }

    private void copyRows(ObjectId table, ObjectId oldTable) {
        List<String> into = new ArrayList<>();
        List<String> select = new ArrayList<>();
        List<Hazard> hazards = new ArrayList<>(List.of(Hazard.of(Kind.FULL_SCAN), new Hazard(Kind.TABLE_REWRITE, "into the new table")));
        for (SchemaObject column : source.childrenOf(table, ObjectKind.COLUMN)) {
            SchemaObject before = target.find(column.id()).orElse(null);
            if (before == null || column.attribute("generated") != null) {
                continue;
            }
            String name = Identifiers.quote(column.id().name());
            into.add(name);
            if (column.attribute("type").equals(before.attribute("type"))) {
                select.add(name);
            } else {
                select.add(name + "::" + column.attribute("type"));
                hazards.add(ColumnChanges.mayFail(probe.failingCasts(column.id(), column.attribute("type")),
                        "values of " + column.id().name() + " do not convert to " + column.attribute("type")));
                if (!writer.lossGuard().refuses()) {
                    writer.lossGuard().of(column, before).ifPresent(cast -> hazards.add(writer.lossGuard().hazard(column.id(), cast)));
                }
            }
        }
        String overriding = source.childrenOf(table, ObjectKind.COLUMN).stream().anyMatch(c -> "always".equals(c.attribute("identity")))
                ? " OVERRIDING SYSTEM VALUE" : "";
        pre(table, "INSERT INTO " + table.sqlName() + " (" + String.join(", ", into) + ")" + overriding + "\nSELECT "
                + String.join(", ", select) + " FROM " + oldTable.sqlName(), hazards);
    }

    /** The columns of a table whose type change is a lossy cast. */
    private List<SchemaObject> lossyColumns(ObjectId table) {
        return source.childrenOf(table, ObjectKind.COLUMN).stream()
                .filter(c -> c.attribute("generated") == null)
                .filter(c -> target.find(c.id()).flatMap(before -> writer.lossGuard().of(c, before)).isPresent())
                .toList();
    }

    private void writeRollback(ObjectId table, String old, List<SchemaObject> incoming) {
        String rejected = suffixed(table.name(), REJECTED);
        writer.plan().rollback("LOCK TABLE " + table.sqlName() + ", " + Identifiers.quote(table.schema()) + "." + Identifiers.quote(old)
                + " IN ACCESS EXCLUSIVE MODE");
        for (SchemaObject fk : incomingForeignKeys(source, table)) {
            if (!rebuilt.contains(fk.id().table())) {
                writer.plan().rollback(Ddl.drop(fk.id()));
            }
        }
        for (String[] rename : indexRenames(source, table)) {
            writer.plan().rollback("ALTER INDEX " + Identifiers.quote(table.schema()) + "." + Identifiers.quote(rename[0]) + " RENAME TO "
                    + Identifiers.quote(suffixed(rename[0], REJECTED)));
        }
        writer.plan().rollback("ALTER TABLE " + table.sqlName() + " RENAME TO " + Identifiers.quote(rejected));
        for (List<String> sequence : identitySequences(source, table)) {
            writer.plan().rollback("ALTER SEQUENCE " + (Identifiers.quote(sequence.get(0)) + "." + Identifiers.quote(sequence.get(1))) + " RENAME TO "
                    + Identifiers.quote(suffixed(sequence.get(1), REJECTED)));
        }
        for (List<String> sequence : identitySequences(target, table)) {
            writer.plan().rollback("ALTER SEQUENCE " + Identifiers.quote(sequence.get(0)) + "." + Identifiers.quote(suffixed(sequence.get(1), OLD))
                    + " RENAME TO " + Identifiers.quote(sequence.get(1)));
        }
        writer.plan().rollback("ALTER TABLE " + Identifiers.quote(table.schema()) + "." + Identifiers.quote(old) + " RENAME TO "
                + Identifiers.quote(table.name()));
        for (String[] rename : indexRenames(target, table)) {
            writer.plan().rollback("ALTER INDEX " + Identifiers.quote(table.schema()) + "." + Identifiers.quote(suffixed(rename[0], OLD))
                    + " RENAME TO " + Identifiers.quote(rename[0]));
        }
        for (SchemaObject sequence : ownedSequences(target, table)) {
            writer.plan().rollback("ALTER SEQUENCE " + sequence.id().sqlName() + " OWNED BY " + sequence.attribute("owned_by"));
        }
        for (SchemaObject fk : incoming) {
            writer.plan().rollback(Ddl.create(fk, target));
        }
        writer.plan().rollback("-- rows written to " + table + " after the rebuild are kept in " + Identifiers.display(rejected));
    }

    private void pre(ObjectId id, String sql, List<Hazard> hazards) {
        writer.emit(Step.PRE_DATA, id, sql, hazards);
    }

    /** Names of the indexes of a table, including those behind keys: index names are unique per schema. */
    private static List<String[]> indexRenames(SchemaModel model, ObjectId table) {
        List<String[]> names = new ArrayList<>();
        for (SchemaObject c : model.childrenOf(table, ObjectKind.CONSTRAINT)) {
            String type = c.attribute("type");
            if (type.equals("primary key") || type.equals("unique") || type.equals("exclusion")) {
                names.add(new String[] {c.id().name()});
            }
        }
        model.childrenOf(table, ObjectKind.INDEX).forEach(i -> names.add(new String[] {i.id().name()}));
        return names;
    }

    /** The schema and name of each identity sequence of a table: they are named per schema, as indexes. */
    private static List<List<String>> identitySequences(SchemaModel model, ObjectId table) {
        List<List<String>> names = new ArrayList<>();
        for (SchemaObject column : model.childrenOf(table, ObjectKind.COLUMN)) {
            String options = column.attribute("identity_sequence");
            Matcher m = options == null ? null : IDENTITY_NAME.matcher(options);
            if (m != null && m.find()) {
                names.add(Identifiers.splitQualified(m.group(1)));
            }
        }
        return names;
    }

    private static List<SchemaObject> incomingForeignKeys(SchemaModel model, ObjectId table) {
        String referenced = " REFERENCES " + table.sqlName().replace("\"", "");
        return model.ofKind(ObjectKind.CONSTRAINT).stream()
                .filter(c -> "foreign key".equals(c.attribute("type")))
                .filter(c -> !c.id().table().equals(table))
                .filter(c -> c.dependsOn().contains(table) || c.attribute("definition").replace("\"", "").contains(referenced + "("))
                .toList();
    }

    private static List<SchemaObject> ownedSequences(SchemaModel model, ObjectId table) {
        return model.ofKind(ObjectKind.SEQUENCE).stream()
                .filter(s -> s.attribute("owned_by") != null)
                .filter(s -> {
                    List<String> parts = Identifiers.splitQualified(s.attribute("owned_by"));
                    return parts.get(0).equals(table.schema()) && parts.get(1).equals(table.name());
                }).toList();
    }

    static String suffixed(String name, String suffix) {
        int room = 63 - suffix.length();
        return (name.length() > room ? name.substring(0, room) : name) + suffix;
    }
}
