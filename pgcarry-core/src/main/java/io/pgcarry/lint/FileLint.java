package io.pgcarry.lint;

import io.pgcarry.migrate.apply.MigrationScript;
import io.pgcarry.migrate.apply.ScriptStep;
import io.pgcarry.report.Severity;
import io.pgcarry.script.SqlWords;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** One file's statements through the rules, then through its allow comments and the target's table sizes. */
final class FileLint {
    private final LintSource source;
    private final Walk walk;
    private final Allowances allowances;

    FileLint(LintSource source, Walk walk) {
        this.source = source;
        this.walk = walk;
        this.allowances = new Allowances(source.sql());
    }

    void run(List<StatementPrediction> statements, List<Finding> findings) {
        List<ScriptStep> steps = MigrationScript.split(source.file(), source.sql()).steps();
        walk.startFile(source.wholeFile());
        for (int n = 1; n <= steps.size(); n++) {
            ScriptStep step = steps.get(n - 1);
            Effect effect = effect(step);
            statements.add(new StatementPrediction(source.file(), n, step.line(), step.shown(), effect.locks(), effect.rewrites(),
                    effect.scans(), walk.inTransaction()));
            findings.addAll(findings(step, n, effect));
        }
    }

    /** What the statement does, after the transaction and session state it changes has been noted. */
    private Effect effect(ScriptStep step) {
        String first = SqlWords.of(step.sql()).leading(2);
        if (first.startsWith("begin") || first.equals("start transaction")) {
            walk.begin();
            return new Effect();
        }
        if (first.startsWith("commit") || first.startsWith("end") || first.startsWith("abort")
                || first.startsWith("rollback") && !SqlWords.of(step.sql()).hasTopLevel("to")) {
            walk.end();
            return new Effect();
        }
        walk.nextStatement();
        Session.apply(Tokens.of(step.sql()), walk);
        Effect effect = Statements.analyze(step.sql(), walk);
        if (step.outsideTransaction() != null && walk.inTransaction()) {
            effect.issue(Issue.of(LintRule.NOT_IN_TRANSACTION, null, null, false, step.outsideTransaction() + " cannot run inside a "
                    + "transaction block, and here it would (" + (walk.explicitBlock() ? "the file opened one with BEGIN"
                    : "the whole file runs in one transaction: " + source.runner()) + "): it fails", ToolTransactions.wayOut(walk.explicitBlock() ? null
                    : source.runner())));
        }
        lockTimeout(effect);
        return effect;
    }

    private void lockTimeout(Effect effect) {
        if (walk.lockTimeoutActive()) {
            return;
        }
        effect.locks().stream().filter(l -> l.mode() == LockMode.ACCESS_EXCLUSIVE && !walk.isNew(l.relation())).findFirst()
                .ifPresent(l -> effect.issue(Issue.of(LintRule.LOCK_TIMEOUT_MISSING, l.relation(), LockMode.ACCESS_EXCLUSIVE,
                        effect.rewrites(), "no lock_timeout is set: while this waits for its ACCESS EXCLUSIVE lock on "
                                + l.relation() + " behind a long query, every other query of the table queues behind it",
                        "SET lock_timeout = '2s' at the top of the file (and retry on failure); migrate apply --lock-timeout does "
                                + "this for you")));
    }

    private List<Finding> findings(ScriptStep step, int n, Effect effect) {
        List<Allowances.Named> named = allowances.above(step.line());
        Set<LintRule> allowed = Allowances.rules(named);
        List<Finding> findings = new java.util.ArrayList<>(named.stream().filter(a -> LintRule.byId(a.id()).isEmpty())
                .map(a -> unknownAllow(a, step, n)).toList());
        for (Issue issue : effect.issues()) {
            boolean notYetUsed = issue.rule().existingOnly() && issue.table() != null && walk.isNew(issue.table());
            if (!notYetUsed && !allowed.contains(issue.rule())) {
                findings.add(finding(issue, step, n));
            }
        }
        return findings;
    }

    private Finding unknownAllow(Allowances.Named allow, ScriptStep step, int n) {
        String known = java.util.Arrays.stream(LintRule.values()).filter(r -> r != LintRule.UNKNOWN_ALLOW).map(LintRule::id)
                .collect(Collectors.joining(", "));
        return new Finding(source.file(), allow.line(), n, LintRule.UNKNOWN_ALLOW, Severity.ERROR, step.shown(), null, null, null,
                false, "pgcarry:allow names '" + allow.id() + "', which is no rule, so it silences nothing", "use one of: " + known);
    }

    private Finding finding(Issue issue, ScriptStep step, int n) {
        Severity severity = issue.severity();
        String message = issue.message();
        Optional<TargetFacts.RelationSize> size = issue.table() == null ? Optional.empty()
                : walk.context().facts().size(issue.table());
        if (size.isPresent() && issue.rule().sizeScaled()) {
            long bytes = size.get().bytes();
            boolean small = bytes < walk.context().smallTableBytes();
            severity = small ? lower(severity) : severity;
            message += " (" + issue.table() + " is " + ByteSize.show(bytes) + rows(size.get())
                    + (small ? ", under the small-table size " + ByteSize.show(walk.context().smallTableBytes()) : "") + ")";
        }
        return new Finding(source.file(), step.line(), n, issue.rule(), severity, step.shown(), issue.table(),
                size.map(TargetFacts.RelationSize::bytes).orElse(null), issue.lock(), issue.rewrite(), message, issue.safer());
    }

    private static String rows(TargetFacts.RelationSize size) {
        return size.rows() > 0 ? ", about " + size.rows() + " rows" : "";
    }

    private static Severity lower(Severity severity) {
        return severity == Severity.ERROR ? Severity.WARNING : Severity.NOTE;
    }
}
