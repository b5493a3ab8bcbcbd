package io.pgcarry.schema;

import io.pgcarry.error.Setting;
import io.pgcarry.catalog.Identifiers;
import io.pgcarry.schema.Hazard.Kind;
import io.pgcarry.schema.ObjectDifference.Change;
import java.util.ArrayList;
import java.util.List;

/** Writes the statements for one difference, by kind of object and kind of change. */
final class StatementWriter {
    private final AlignmentPlanner plan;
    private final SchemaModel source;
    private final SchemaModel target;
    private final PlanOptions options;
    private final TargetProbe probe;
    private final ColumnChanges columns;
    private final ConstraintAdds constraints;
    private final LossGuard lossGuard;
    private final GuardedDrops drops;

    StatementWriter(AlignmentPlanner plan, SchemaModel source, SchemaModel target, PlanOptions options, TargetProbe probe) {
        this.plan = plan;
        this.source = source;
        this.target = target;
        this.options = options;
        this.probe = probe;
        this.lossGuard = new LossGuard(probe, options.allowLossy());
        this.columns = new ColumnChanges(this, probe, lossGuard);
        this.constraints = new ConstraintAdds(this, options, probe);
        this.drops = new GuardedDrops(this, target, options.drops(), probe);
    }

    void write(ObjectDifference difference) {
        switch (difference.change()) {
            case MISSING -> create(source.find(difference.id()).orElseThrow());
            case EXTRA -> drop(target.find(difference.id()).orElseThrow());
            case CHANGED -> change(source.find(difference.id()).orElseThrow(), target.find(difference.id()).orElseThrow(),
                    difference.changes());
        }
    }

    void emit(int phase, ObjectId id, String sql, List<Hazard> hazards) {
        plan.add(phase, id, new PlannedStatement(sql, id, hazards, false));
    }

    void emitCommented(int phase, ObjectId id, String sql, List<Hazard> hazards) {
        plan.add(phase, id, new PlannedStatement(sql, id, hazards, true));
    }

    void create(SchemaObject object) {
        ObjectId id = object.id();
        switch (id.kind()) {
            case COLUMN -> columns.add(object);
            case CONSTRAINT -> constraints.add(object);
            case INDEX -> constraints.createIndex(object);
            case TRIGGER, RULE -> emit(Step.POST_DATA, id, Ddl.create(object, source), List.of(new Hazard(Kind.WRITE_LOCK, "brief")));
            case STATISTICS, PUBLICATION, EVENT_TRIGGER, DEFAULT_PRIVILEGES, PRIVILEGES -> emit(Step.POST_DATA, id, Ddl.create(object, source), List.of());
            case SUBSCRIPTION -> SubscriptionDdl.create(this, object);
            case USER_MAPPING -> emit(Step.PRE_DATA, id, Ddl.create(object, source), object.attribute("withheld") == null ? List.of()
                    : List.of(new Hazard(Kind.MANUAL, "option " + object.attribute("withheld") + " is not written (a password): set it by hand")));
            case POLICY -> emit(Step.POST_DATA, id, Ddl.create(object, source), List.of(new Hazard(Kind.ACCESS_EXCLUSIVE_LOCK, "brief")));
            case MATERIALIZED_VIEW -> {
                emit(Step.PRE_DATA, id, Ddl.create(object, source), List.of());
                emit(Step.POST_DATA, id, "REFRESH MATERIALIZED VIEW " + id.sqlName(), List.of(Hazard.of(Kind.FULL_SCAN)));
            }
            default -> {
                if (BaseTypes.needsShell(object)) {
                    emit(Step.PRE_DATA, BaseTypes.shellOf(id), BaseTypes.createShell(id), List.of());
                }
                emit(Step.PRE_DATA, id, Ddl.create(object, source), List.of());
            }
        }
        for (String extra : ObjectExtras.of(object)) {
            emit(phaseOf(id), id, extra, List.of());
        }
        if (id.kind() == ObjectKind.DOMAIN) {
            // CREATE DOMAIN cannot say NOT VALID
            Ddl.notValidDomainChecks(object).forEach(check -> check.forEach(sql -> emit(Step.POST_DATA, id, sql, List.of())));
        }
    }

    void drop(SchemaObject object) {
        ObjectId id = object.id();
        switch (id.kind()) {
            case TABLE -> drops.drop(id, plan.notesOnDrop(id));
            case COLUMN -> drops.drop(id, List.of(Hazard.of(Kind.ACCESS_EXCLUSIVE_LOCK)));
            case SEQUENCE, SCHEMA -> emitDrop(id, List.of(Hazard.of(Kind.DELETES_DATA)));
            case CONSTRAINT, INDEX, TRIGGER, POLICY, VIEW, MATERIALIZED_VIEW, RULE, STATISTICS ->
                    emit(Step.DROP_DEPENDENTS, id, Ddl.drop(id), List.of(new Hazard(Kind.ACCESS_EXCLUSIVE_LOCK, "brief")));
            case FOREIGN_DATA_WRAPPER, FOREIGN_SERVER, USER_MAPPING, FOREIGN_TABLE, PUBLICATION, EVENT_TRIGGER ->
                    emit(Step.DROP_DEPENDENTS, id, Ddl.drop(id), List.of());
            case SUBSCRIPTION -> SubscriptionDdl.drop(this, object);
            case DEFAULT_PRIVILEGES -> DatabaseObjectDdl.undoDefaultPrivileges(object).forEach(sql -> emit(Step.POST_DATA, id, sql, List.of()));
            case PRIVILEGES -> SystemPrivileges.undo(object).forEach(sql -> emit(Step.POST_DATA, id, sql, List.of()));
            default -> emit(Step.DROP_OBJECTS, id, Ddl.drop(id), List.of());
        }
    }

    private void emitDrop(ObjectId id, List<Hazard> hazards) {
        if (options.allowDrops()) {
            emit(Step.DROP_OBJECTS, id, Ddl.drop(id), hazards);
        } else {
            emitCommented(Step.DROP_OBJECTS, id, Ddl.drop(id) + "  -- commented out: pass " + Setting.ALLOW_DROPS.mention() + " to drop", hazards);
        }
    }

    private void change(SchemaObject wanted, SchemaObject found, List<AttributeChange> changes) {
        ObjectId id = wanted.id();
        List<AttributeChange> remaining = new ArrayList<>();
        for (AttributeChange change : changes) {
            switch (change.attribute()) {
                case "comment" -> emit(phaseOf(id), id, change.source() == null ? ObjectExtras.removeComment(id)
                        : ObjectExtras.comment(id, change.source()), List.of());
                case SecurityLabels.ATTRIBUTE -> SecurityLabels.statements(id, change.source(), change.target())
                        .forEach(sql -> emit(phaseOf(id), id, sql, List.of()));
                case "owner" -> emit(phaseOf(id), id, "ALTER " + ObjectExtras.ownerKind(id) + " OWNER TO "
                        + Identifiers.quote(change.source()), List.of());
                case "acl" -> grants(wanted, found);
                default -> remaining.add(change);
            }
        }
        remaining = LocalAttributeChanges.write(this, wanted, found, remaining);
        if (remaining.isEmpty()) {
            return;
        }
        if (SupportDdl.write(this, wanted, found, remaining)) {
            return;
        }
        switch (id.kind()) {
            case COLUMN -> columns.change(wanted, found, remaining);
            case TABLE -> TableChanges.write(this, wanted, remaining);
            case SEQUENCE -> emit(Step.PRE_DATA, id, SequenceChanges.alter(wanted, remaining), List.of());
            case ENUM -> TypeChanges.enumLabels(this, wanted, found);
            case DOMAIN -> TypeChanges.domain(this, wanted, found, remaining);
            case EXTENSION -> TypeChanges.extension(this, wanted, remaining);
            case FUNCTION, PROCEDURE -> emit(Step.PRE_DATA, id, wanted.attribute("definition").strip(),
                    List.of(new Hazard(Kind.MAY_FAIL, "CREATE OR REPLACE cannot change the result type: then drop and create it")));
            case VIEW -> emit(Step.PRE_DATA, id, Ddl.create(wanted, source).replaceFirst("^CREATE VIEW", "CREATE OR REPLACE VIEW"),
                    List.of(new Hazard(Kind.MAY_FAIL, "CREATE OR REPLACE VIEW cannot drop, rename or retype columns")));
            case TRIGGER, EVENT_TRIGGER -> triggerChange(wanted, remaining);
            case POLICY -> policyChange(wanted, remaining);
            case CONSTRAINT -> constraints.change(wanted, found, remaining);
            case SUBSCRIPTION -> {
                if (!SubscriptionDdl.write(this, wanted, source, remaining)) {
                    recreate(wanted, found);
                }
            }
            // dropped first, or the CREATE would find it there; CREATE OR REPLACE AGGREGATE exists from 12 on but cannot change its kind
            case AGGREGATE -> {
                emit(Step.DROP_DEPENDENTS, id, Ddl.drop(id), List.of(new Hazard(Kind.MAY_FAIL, "views that use it must be dropped first")));
                create(wanted);
            }
            default -> recreate(wanted, found);
        }
    }

    /** Drop and create again; for indexes with --online, concurrently. */
    void recreate(SchemaObject wanted, SchemaObject found) {
        ObjectId id = wanted.id();
        if (id.kind() == ObjectKind.INDEX && options.online()) {
            emit(Step.DROP_DEPENDENTS, id, "DROP INDEX CONCURRENTLY " + id.sqlName(), List.of(Hazard.of(Kind.NOT_IN_TRANSACTION)));
        } else {
            drop(found);
        }
        create(wanted);
    }

    void recreateView(ObjectId view) {
        target.find(view).ifPresent(found -> emit(Step.DROP_DEPENDENTS, view, Ddl.drop(view),
                List.of(new Hazard(Kind.ACCESS_EXCLUSIVE_LOCK, "dropped to let the column types of its tables change"))));
        source.find(view).ifPresent(this::create);
    }

    private void triggerChange(SchemaObject wanted, List<AttributeChange> changes) {
        if (changes.stream().allMatch(c -> List.of("enabled", "partition_states").contains(c.attribute()))) {
            // the parent's state first: it sets the partitions' clones too, then those that differ follow
            if (wanted.attribute("enabled") == null) {
                emit(Step.POST_DATA, wanted.id(), wanted.kind() == ObjectKind.EVENT_TRIGGER
                        ? "ALTER EVENT TRIGGER " + wanted.id().sqlName() + " ENABLE"
                        : "ALTER TABLE " + wanted.id().sqlTable() + " ENABLE TRIGGER " + Identifiers.quote(wanted.id().name()), List.of());
            }
            ObjectExtras.switches(wanted).forEach(sql -> emit(Step.POST_DATA, wanted.id(), sql, List.of()));
            return;
        }
        recreate(wanted, target.find(wanted.id()).orElseThrow());
    }

    private void policyChange(SchemaObject wanted, List<AttributeChange> changes) {
        boolean alterable = changes.stream().allMatch(c -> List.of("roles", "using", "with_check").contains(c.attribute()));
        if (!alterable) {
            recreate(wanted, target.find(wanted.id()).orElseThrow());
            return;
        }
        StringBuilder sql = new StringBuilder("ALTER POLICY " + Identifiers.quote(wanted.id().name()) + " ON " + wanted.id().sqlTable()
                + " TO " + (wanted.attribute("roles") == null ? "PUBLIC" : wanted.attribute("roles")));
        if (wanted.attribute("using") != null) {
            sql.append(" USING (").append(wanted.attribute("using")).append(')');
        }
        if (wanted.attribute("with_check") != null) {
            sql.append(" WITH CHECK (").append(wanted.attribute("with_check")).append(')');
        }
        emit(Step.POST_DATA, wanted.id(), sql.toString(), List.of(new Hazard(Kind.ACCESS_EXCLUSIVE_LOCK, "brief")));
    }

    private void grants(SchemaObject wanted, SchemaObject found) {
        List<String> statements = Grants.statements(wanted);
        if (statements.isEmpty()) {
            emitCommented(phaseOf(wanted.id()), wanted.id(), "SOURCE has the default access list: revoke the grants of TARGET by hand",
                    List.of(Hazard.of(Kind.MANUAL)));
        }
        statements.forEach(sql -> emit(phaseOf(wanted.id()), wanted.id(), sql, List.of()));
    }

    static int phaseOf(ObjectId id) {
        return switch (id.kind()) {
            case CONSTRAINT, INDEX, TRIGGER, POLICY, RULE, STATISTICS, PUBLICATION, SUBSCRIPTION, EVENT_TRIGGER, DEFAULT_PRIVILEGES, PRIVILEGES -> Step.POST_DATA;
            default -> Step.PRE_DATA;
        };
    }

    SchemaModel source() {
        return source;
    }

    SchemaModel target() {
        return target;
    }

    GuardedDrops drops() {
        return drops;
    }

    LossGuard lossGuard() {
        return lossGuard;
    }

    AlignmentPlanner plan() {
        return plan;
    }
}
