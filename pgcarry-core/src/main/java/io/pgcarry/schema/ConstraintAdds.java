package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.schema.Hazard.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Adding keys, checks, foreign keys and indexes to tables that hold data, the safe way: checks and foreign
 * keys NOT VALID then VALIDATE (which lets writes go on), with {@code --online} indexes CONCURRENTLY and keys
 * on top of them. The rows that would make them fail are counted on TARGET.
 */
final class ConstraintAdds {
    private final StatementWriter writer;
    private final PlanOptions options;
    private final TargetProbe probe;

    ConstraintAdds(StatementWriter writer, PlanOptions options, TargetProbe probe) {
        this.writer = writer;
        this.options = options;
        this.probe = probe;
    }

    void add(SchemaObject constraint) {
        ObjectId id = constraint.id();
        String type = constraint.attribute("type");
        String definition = constraint.attribute("definition");
        String table = "ALTER TABLE " + id.sqlTable();
        String name = Identifiers.quote(id.name());
        if (type.equals("foreign key") && !constraint.flag("not_valid") && touchesPartitionedTable(constraint)) {
            // PostgreSQL (before 18) adds no NOT VALID foreign key to a partitioned table, and validating one that
            // references a partitioned table later leaves its piece for each referenced partition NOT VALID.
            writer.emit(Step.POST_DATA, id, table + " ADD CONSTRAINT " + name + " " + definition,
                    List.of(new Hazard(Kind.WRITE_LOCK, "on both tables, while every row is checked"), Hazard.of(Kind.FULL_SCAN),
                            ColumnChanges.mayFail(violations(constraint), failure(type))));
        } else if (type.equals("check") || type.equals("foreign key")) {
            addNotValidThenValidate(constraint, table, name);
        } else {
            addKey(constraint, table, name);
        }
    }

    /** A check or foreign key: added NOT VALID under a brief lock, then validated while writes go on. */
    private void addNotValidThenValidate(SchemaObject constraint, String table, String name) {
        ObjectId id = constraint.id();
        String type = constraint.attribute("type");
        String definition = constraint.attribute("definition");
        String notValid = definition.endsWith(" NOT VALID") ? definition : definition + " NOT VALID";
        List<Hazard> addHazards = type.equals("check") ? List.of(new Hazard(Kind.ACCESS_EXCLUSIVE_LOCK, "brief"))
                : List.of(new Hazard(Kind.WRITE_LOCK, "brief, on both tables"));
        writer.emit(Step.POST_DATA, id, table + " ADD CONSTRAINT " + name + " " + notValid, addHazards);
        if (!constraint.flag("not_valid")) {
            writer.emit(Step.POST_DATA, id, table + " VALIDATE CONSTRAINT " + name,
                    List.of(new Hazard(Kind.FULL_SCAN, "writes go on"), ColumnChanges.mayFail(violations(constraint), failure(type))));
        }
    }

    /** A primary key, unique or exclusion constraint, built online as its index first where it can be attached. */
    private void addKey(SchemaObject constraint, String table, String name) {
        ObjectId id = constraint.id();
        String type = constraint.attribute("type");
        String definition = constraint.attribute("definition");
        // A key that can be attached to its index (see io.pgcarry.catalog.KeySteps) is built online as that index first.
        String index = constraint.attribute("index_definition");
        String attach = constraint.attribute("attach");
        List<String> columns = constraint.attribute("columns") == null ? List.of() : Ddl.jsonStrings(constraint.attribute("columns"));
        if (options.online() && index != null && attach != null) {
            writer.emit(Step.POST_DATA, id, index.replaceFirst("^CREATE UNIQUE INDEX ", "CREATE UNIQUE INDEX CONCURRENTLY "),
                    List.of(Hazard.of(Kind.NOT_IN_TRANSACTION), new Hazard(Kind.FULL_SCAN, "writes go on"),
                            ColumnChanges.mayFail(duplicates(id, columns), "rows share a key")));
            writer.emit(Step.POST_DATA, id, table + " ADD CONSTRAINT " + name + " " + attach,
                    List.of(new Hazard(Kind.ACCESS_EXCLUSIVE_LOCK, "brief")));
            return;
        }
        List<Hazard> hazards = new ArrayList<>(List.of(type.equals("exclusion") ? Hazard.of(Kind.ACCESS_EXCLUSIVE_LOCK)
                : Hazard.of(Kind.WRITE_LOCK), Hazard.of(Kind.FULL_SCAN)));
        if (!columns.isEmpty()) {
            hazards.add(ColumnChanges.mayFail(duplicates(id, columns), "rows share a key"));
        } else {
            hazards.add(new Hazard(Kind.MAY_FAIL, "conflicting rows: not measured"));
        }
        writer.emit(Step.POST_DATA, id, table + " ADD CONSTRAINT " + name + " " + definition, hazards);
    }

    void createIndex(SchemaObject index) {
        String definition = Ddl.create(index, writer.source());
        List<Hazard> hazards = new ArrayList<>();
        if (options.online()) {
            definition = definition.replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX CONCURRENTLY ");
            hazards.add(Hazard.of(Kind.NOT_IN_TRANSACTION));
            hazards.add(new Hazard(Kind.FULL_SCAN, "writes go on"));
        } else {
            hazards.add(Hazard.of(Kind.WRITE_LOCK));
            hazards.add(Hazard.of(Kind.FULL_SCAN));
        }
        if (definition.startsWith("CREATE UNIQUE")) {
            hazards.add(new Hazard(Kind.MAY_FAIL, "rows sharing a key: not measured"));
        }
        writer.emit(Step.POST_DATA, index.id(), definition, hazards);
    }

    void change(SchemaObject wanted, SchemaObject found, List<AttributeChange> changes) {
        boolean onlyValidation = changes.size() == 1 && changes.get(0).attribute().equals("not_valid");
        if (onlyValidation && wanted.attribute("not_valid") == null) {
            writer.emit(Step.POST_DATA, wanted.id(), "ALTER TABLE " + wanted.id().sqlTable() + " VALIDATE CONSTRAINT "
                    + Identifiers.quote(wanted.id().name()), List.of(new Hazard(Kind.FULL_SCAN, "writes go on"),
                    ColumnChanges.mayFail(violations(wanted), failure(wanted.attribute("type")))));
            return;
        }
        writer.recreate(wanted, found);
    }

    private OptionalLong violations(SchemaObject constraint) {
        String definition = constraint.attribute("definition").replaceFirst(" NOT VALID$", "");
        if (constraint.attribute("type").equals("check")) {
            return probe.checkViolations(constraint.id(), definition.replaceFirst("^CHECK ", ""));
        }
        String references = constraint.attribute("references");
        if (references == null || constraint.attribute("columns") == null || constraint.attribute("ref_columns") == null) {
            return OptionalLong.empty();
        }
        List<String> columns = Ddl.jsonStrings(constraint.attribute("columns"));
        List<String> referenced = Ddl.jsonStrings(constraint.attribute("ref_columns"));
        return columns.size() == referenced.size() ? probe.orphans(constraint.id(), columns, references, referenced) : OptionalLong.empty();
    }

    /** Whether a foreign key's table or the table it references is partitioned in SOURCE. */
    private boolean touchesPartitionedTable(SchemaObject foreignKey) {
        List<ObjectId> tables = new ArrayList<>(List.of(foreignKey.id().table()));
        String references = foreignKey.attribute("references");
        if (references != null) {
            List<String> name = Identifiers.splitQualified(references);
            tables.add(new ObjectId(ObjectKind.TABLE, name.get(0), name.get(1), null));
        }
        return tables.stream().anyMatch(t -> writer.source().find(t).map(o -> o.attribute("partition_key") != null).orElse(false));
    }

    private OptionalLong duplicates(ObjectId id, List<String> columns) {
        return probe.duplicateGroups(id, columns);
    }

    private static String failure(String type) {
        return type.equals("check") ? "rows break the check" : "rows reference missing rows";
    }

    /** Splits {@code a, "b, c"} at commas outside quotes; the parts stay quoted as SQL. */
    static List<String> splitList(String list) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : list.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                parts.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString().strip());
        return parts;
    }
}
