package io.pgcarry.migrate.apply;

import io.pgcarry.lint.Finding;
import io.pgcarry.lint.Lint;
import io.pgcarry.lint.LintContext;
import io.pgcarry.lint.LintReport;
import io.pgcarry.lint.LintRule;
import io.pgcarry.lint.LintSource;
import io.pgcarry.lint.LockMode;
import io.pgcarry.lint.StatementPrediction;
import io.pgcarry.schema.Hazard;
import io.pgcarry.schema.Hazard.Kind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The hazards of a migration statement for {@code migrate apply}'s plan, in the words of {@code diff --sql}'s plan
 * ({@link Hazard}): {@code pgcarry lint}'s prediction of the statement taken on its own (every table taken to exist,
 * {@code lock_timeout} set by apply itself), put in those words. Lint is the one hazard analysis; this only translates.
 */
final class StatementHazards {
    private static final LintContext ON_ITS_OWN = LintContext.offline(null).withLockTimeoutSet();
    private static final Set<LintRule> SCANS = EnumSet.of(LintRule.SET_NOT_NULL, LintRule.ADD_CONSTRAINT_VALIDATES);
    private static final Set<LintRule> DELETES = EnumSet.of(LintRule.DROP_TABLE, LintRule.DROP_COLUMN, LintRule.TRUNCATE,
            LintRule.DELETE_WITHOUT_WHERE);

    private StatementHazards() {
    }

    static List<Hazard> of(ScriptStep step) {
        List<Hazard> hazards = new ArrayList<>();
        if (step.outsideTransaction() != null) {
            hazards.add(new Hazard(Kind.NOT_IN_TRANSACTION, step.outsideTransaction() + " " + Kind.NOT_IN_TRANSACTION.meaning()));
        }
        if (step.copyData() != null || step.control() != TransactionRules.Control.NONE) {
            return hazards;
        }
        LintReport report = Lint.check(List.of(LintSource.plain("statement", step.sql())), ON_ITS_OWN);
        StatementPrediction prediction = report.statements().get(0);
        lock(prediction.strongest()).ifPresent(hazards::add);
        List<Finding> findings = report.findings();
        findings.stream().filter(Finding::rewrite).findFirst().ifPresent(f -> hazards.add(new Hazard(Kind.TABLE_REWRITE, f.message())));
        findings.stream().filter(f -> SCANS.contains(f.rule())).forEach(f -> hazards.add(new Hazard(Kind.FULL_SCAN, f.message())));
        findings.stream().filter(f -> DELETES.contains(f.rule())).findFirst().ifPresent(f -> hazards.add(Hazard.of(Kind.DELETES_DATA)));
        return hazards;
    }

    /** ACCESS EXCLUSIVE blocks reads and writes; SHARE up to EXCLUSIVE block writes; weaker locks are no hazard. */
    private static Optional<Hazard> lock(LockMode mode) {
        if (mode == null || !mode.blocksWrites()) {
            return Optional.empty();
        }
        if (mode == LockMode.ACCESS_EXCLUSIVE) {
            return Optional.of(Hazard.of(Kind.ACCESS_EXCLUSIVE_LOCK));
        }
        return Optional.of(new Hazard(Kind.WRITE_LOCK, mode == LockMode.SHARE
                ? "blocks writes to the table while the index builds; CONCURRENTLY does not"
                : mode + ": blocks writes to the table while it runs"));
    }
}
