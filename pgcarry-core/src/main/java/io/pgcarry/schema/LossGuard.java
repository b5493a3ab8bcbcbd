package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.error.Setting;
import io.pgcarry.schema.Hazard.Kind;
import java.util.Optional;

/**
 * Keeps a lossy type change ({@link LossyCast}) from losing data silently: unless the plan allows loss, the
 * column gets a CHECK constraint that holds only for values the cast keeps, so the plan fails (and, in its
 * transaction, changes nothing) where a value would be truncated or rounded.
 *
 * <p>Why a CHECK constraint rather than a raising USING expression or a pre-check: it is plain DDL any table
 * owner may run on managed PostgreSQL (no function is created, not even in pg_temp, so no TEMP privilege,
 * no plpgsql and no session state a transaction-mode pooler would lose); it is the NOT VALID then VALIDATE
 * pattern the plan already uses for SET NOT NULL, so the scan does not block writes; from the moment it is
 * added every write is checked too, so no bad value slips in between the scan and the type change; and it is
 * dropped by the very ALTER TABLE statement that changes the type, which leaves no gap even when the plan
 * runs statement by statement. A failure is an ordinary check violation that names the constraint.
 */
final class LossGuard {
    private static final String SUFFIX = "_lossless_pgcarry";

    private final TargetProbe probe;
    private final boolean allowLossy;

    LossGuard(TargetProbe probe, boolean allowLossy) {
        this.probe = probe;
        this.allowLossy = allowLossy;
    }

    /** The lossy cast a column's type change makes, if any; its collation alone changing loses nothing. */
    Optional<LossyCast> of(SchemaObject wanted, SchemaObject found) {
        return LossyCast.of(found.attribute("type"), wanted.attribute("type"));
    }

    /** Whether lossy casts are to be refused (the default) rather than applied as asked. */
    boolean refuses() {
        return !allowLossy;
    }

    /** The quoted name of the guard constraint of a column. */
    String constraint(ObjectId column) {
        String name = column.name() + SUFFIX;
        return Identifiers.quote(name.length() > 63 ? column.name().substring(0, 63 - SUFFIX.length()) + SUFFIX : name);
    }

    /** {@code CHECK (...)}: true where the cast keeps the value. */
    String check(ObjectId column, LossyCast cast) {
        return "CHECK (NOT (" + cast.changedCondition(Identifiers.quote(column.name())) + "))";
    }

    /**
     * The hazard of the change, with the rows measured on TARGET whose value the cast would change: where the
     * plan refuses them (the guard fails), or, with loss allowed, what will be lost.
     */
    Hazard hazard(ObjectId column, LossyCast cast) {
        Optional<LostValues> lost = probe.changedValues(column, cast.changedCondition(Identifiers.quote(column.name())), cast.to());
        String what = "values of " + Identifiers.display(column.name()) + " " + (allowLossy ? "will be " : "would be ")
                + cast.loss().word() + " by the cast to " + cast.to();
        String measured = lost.map(l -> l.rows() + (l.rows() == 1 ? " row: " : " rows: ") + what
                + (l.sampleKeys().isEmpty() ? "" : " (" + l.samples() + ")")).orElse(what + ": not measured");
        if (allowLossy) {
            return new Hazard(Kind.LOSES_DATA, measured + "; allowed by " + Setting.ALLOW_LOSSY.mention());
        }
        return new Hazard(Kind.MAY_FAIL, measured + "; the " + constraint(column)
                + " check refuses them: fix those values or plan with " + Setting.ALLOW_LOSSY.mention());
    }
}
