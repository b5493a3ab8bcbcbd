package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.schema.Hazard.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** Adding a column to an existing table, and changing one in place. */
final class ColumnChanges {
    /** Defaults that give each row its own value make ADD COLUMN rewrite the table. */
    private static final Pattern VOLATILE_DEFAULT = Pattern.compile("nextval\\(|random\\(|gen_random_uuid\\(|clock_timestamp\\(|uuid_generate");

    private final StatementWriter writer;
    private final TargetProbe probe;
    private final LossGuard lossGuard;

    ColumnChanges(StatementWriter writer, TargetProbe probe, LossGuard lossGuard) {
        this.writer = writer;
        this.probe = probe;
        this.lossGuard = lossGuard;
    }

    void add(SchemaObject column) {
        ObjectId id = column.id();
        List<Hazard> hazards = new ArrayList<>();
        hazards.add(new Hazard(Kind.ACCESS_EXCLUSIVE_LOCK, "brief unless the table is rewritten"));
        String defaultSql = column.attribute("default");
        boolean rewrite = column.attribute("identity") != null || column.attribute("generated") != null
                || (defaultSql != null && VOLATILE_DEFAULT.matcher(defaultSql).find());
        if (rewrite) {
            hazards.add(Hazard.of(Kind.TABLE_REWRITE));
        }
        if (column.flag("not_null") && defaultSql == null && column.attribute("identity") == null && column.attribute("generated") == null) {
            hazards.add(mayFail(probe.rows(id.table()), "rows would get NULL in a NOT NULL column"));
        }
        writer.emit(Step.PRE_DATA, id, "ALTER TABLE " + id.sqlTable() + " ADD COLUMN " + Ddl.column(column), hazards);
    }

    void change(SchemaObject wanted, SchemaObject found, List<AttributeChange> changes) {
        ObjectId id = wanted.id();
        String alter = "ALTER TABLE " + id.sqlTable() + " ALTER COLUMN " + Identifiers.quote(id.name()) + " ";
        boolean typeChanges = changes.stream().anyMatch(c -> c.attribute().equals("type") || c.attribute().equals("collation"));
        if (changes.stream().anyMatch(c -> c.attribute().equals("generated"))) {
            writer.emit(Step.PRE_DATA, id, "ALTER TABLE " + id.sqlTable() + " DROP COLUMN " + Identifiers.quote(id.name()),
                    List.of(new Hazard(Kind.DELETES_DATA, "only computed values, added back at once")));
            add(wanted);
            return;
        }
        if (typeChanges) {
            retype(wanted, found, alter);
        }
        for (AttributeChange change : changes) {
            switch (change.attribute()) {
                case "type", "collation", "identity_sequence" -> { }
                case "default" -> {
                    if (!typeChanges) {
                        writer.emit(Step.PRE_DATA, id, change.source() == null ? alter + "DROP DEFAULT" : alter + "SET DEFAULT " + change.source(), List.of());
                    }
                }
                case "not_null" -> notNull(wanted, alter, change.source() != null);
                case "identity" -> identity(wanted, found, alter);
                case "storage" -> writer.emit(Step.PRE_DATA, id, alter + "SET STORAGE " + storage(change.source()), List.of());
                case "identity_comment" -> writer.emit(Step.PRE_DATA, id, change.source() == null
                        ? ObjectExtras.identityComment(change.target(), false) : ObjectExtras.identityComment(change.source(), true), List.of());
                default -> writer.emitCommented(Step.PRE_DATA, id, change.attribute() + " of " + id + " differs: "
                        + change.source() + " in SOURCE, " + change.target() + " in TARGET", List.of(Hazard.of(Kind.MANUAL)));
            }
        }
        if (changes.stream().anyMatch(c -> c.attribute().equals("identity_sequence")) && wanted.attribute("identity") != null
                && Objects.equals(wanted.attribute("identity"), found.attribute("identity"))) {
            writer.emitCommented(Step.PRE_DATA, id, "the identity sequence options of " + id + " differ: "
                    + wanted.attribute("identity_sequence"), List.of(Hazard.of(Kind.MANUAL)));
        }
    }

    /**
     * ALTER COLUMN TYPE with the cast in USING; the default is set aside while the type changes. A cast that
     * could truncate or round is guarded (see {@link LossGuard}) unless loss is allowed.
     */
    private void retype(SchemaObject wanted, SchemaObject found, String alter) {
        ObjectId id = wanted.id();
        String type = wanted.attribute("type");
        List<Hazard> hazards = new ArrayList<>(List.of(Hazard.of(Kind.ACCESS_EXCLUSIVE_LOCK)));
        if (!BinaryCoercion.keepsStorage(found.attribute("type"), type) || !Objects.equals(wanted.attribute("collation"), found.attribute("collation"))) {
            hazards.add(Hazard.of(Kind.TABLE_REWRITE));
        }
        hazards.add(mayFail(probe.failingCasts(id, type), "values do not convert to " + type));
        Optional<LossyCast> lossy = lossGuard.of(wanted, found);
        String table = "ALTER TABLE " + id.sqlTable();
        String dropGuard = "";
        if (lossy.isPresent() && lossGuard.refuses()) {
            String guard = lossGuard.constraint(id);
            writer.emit(Step.PRE_DATA, id, table + " ADD CONSTRAINT " + guard + " " + lossGuard.check(id, lossy.get()) + " NOT VALID",
                    List.of(new Hazard(Kind.ACCESS_EXCLUSIVE_LOCK, "brief")));
            writer.emit(Step.PRE_DATA, id, table + " VALIDATE CONSTRAINT " + guard,
                    List.of(new Hazard(Kind.FULL_SCAN, "writes go on"), lossGuard.hazard(id, lossy.get())));
            dropGuard = " DROP CONSTRAINT " + guard + ",";
        } else {
            lossy.ifPresent(cast -> hazards.add(lossGuard.hazard(id, cast)));
        }
        if (found.attribute("default") != null) {
            writer.emit(Step.PRE_DATA, id, alter + "DROP DEFAULT", List.of());
        }
        String collate = wanted.attribute("collation") == null ? "" : " COLLATE " + wanted.attribute("collation");
        // The guard goes in the statement that changes the type: no write can come between them.
        writer.emit(Step.PRE_DATA, id, table + dropGuard + alter.substring(table.length()) + "TYPE " + type + collate
                + " USING " + Identifiers.quote(id.name()) + "::" + type, hazards);
        if (wanted.attribute("default") != null) {
            writer.emit(Step.PRE_DATA, id, alter + "SET DEFAULT " + wanted.attribute("default"), List.of());
        }
    }

    /**
     * SET NOT NULL scans the table under an exclusive lock; a validated CHECK (col IS NOT NULL) lets it skip
     * the scan, and VALIDATE does not block writes.
     */
    private void notNull(SchemaObject wanted, String alter, boolean set) {
        ObjectId id = wanted.id();
        if (!set) {
            writer.emit(Step.PRE_DATA, id, alter + "DROP NOT NULL", List.of());
            return;
        }
        String check = Identifiers.quote(truncate(id.name() + "_not_null_pgcarry"));
        String table = "ALTER TABLE " + id.sqlTable();
        writer.emit(Step.PRE_DATA, id, table + " ADD CONSTRAINT " + check + " CHECK (" + Identifiers.quote(id.name()) + " IS NOT NULL) NOT VALID",
                List.of(new Hazard(Kind.ACCESS_EXCLUSIVE_LOCK, "brief")));
        writer.emit(Step.PRE_DATA, id, table + " VALIDATE CONSTRAINT " + check,
                List.of(new Hazard(Kind.FULL_SCAN, "writes go on"), mayFail(probe.nulls(id), "rows hold NULL")));
        writer.emit(Step.PRE_DATA, id, alter + "SET NOT NULL", List.of(new Hazard(Kind.ACCESS_EXCLUSIVE_LOCK, "brief: the check spares the scan")));
        writer.emit(Step.PRE_DATA, id, table + " DROP CONSTRAINT " + check, List.of());
    }

    private void identity(SchemaObject wanted, SchemaObject found, String alter) {
        ObjectId id = wanted.id();
        String identity = wanted.attribute("identity");
        if (identity == null) {
            writer.emit(Step.PRE_DATA, id, alter + "DROP IDENTITY", List.of());
        } else if (found.attribute("identity") == null) {
            String options = wanted.attribute("identity_sequence") == null ? "" : " (" + wanted.attribute("identity_sequence") + ")";
            writer.emit(Step.PRE_DATA, id, alter + "ADD GENERATED " + identity.toUpperCase() + " AS IDENTITY" + options,
                    List.of(new Hazard(Kind.MAY_FAIL, "the column must be NOT NULL and have no default")));
        } else {
            writer.emit(Step.PRE_DATA, id, alter + "SET GENERATED " + identity.toUpperCase(), List.of());
        }
    }

    static Hazard mayFail(OptionalLong rows, String why) {
        if (rows.isEmpty()) {
            return new Hazard(Kind.MAY_FAIL, why + ": not measured");
        }
        return new Hazard(Kind.MAY_FAIL, rows.getAsLong() + (rows.getAsLong() == 1 ? " row: " : " rows: ") + why);
    }

    private static String storage(String code) {
        return switch (code) {
            case "p" -> "PLAIN";
            case "e" -> "EXTERNAL";
            case "m" -> "MAIN";
            default -> "EXTENDED";
        };
    }

    private static String truncate(String name) {
        return name.length() > 63 ? name.substring(0, 63) : name;
    }
}
