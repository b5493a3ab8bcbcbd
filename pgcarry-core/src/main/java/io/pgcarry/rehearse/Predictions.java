package io.pgcarry.rehearse;

import io.pgcarry.connect.Connector;
import io.pgcarry.lint.Finding;
import io.pgcarry.lint.LintContext;
import io.pgcarry.lint.LintReport;
import io.pgcarry.lint.LintRequest;
import io.pgcarry.lint.LintRunner;
import io.pgcarry.lint.PredictedLock;
import io.pgcarry.lint.StatementPrediction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code pgcarry lint}'s prediction for each statement a rehearsal runs, read before it against the live database (its
 * version and the sizes of its tables, so the prediction is the one {@code lint --to} gives), shown beside what was
 * measured: the locks lint expects, whether it expects a rewrite, and its findings.
 */
final class Predictions {
    private Predictions() {
    }

    /** Lints the same files the rehearsal runs, as {@code pgcarry lint --to ON} would. */
    static LintReport lint(Connector connector, RehearseRequest request) {
        return new LintRunner(connector).run(new LintRequest(request.files(), request.directory(), request.tool(), request.on(),
                null, LintContext.DEFAULT_SMALL_TABLE, false));
    }

    /** {@link #lint} on another thread, so that the rehearsal need not wait for it ({@code Outcome.of} joins it). */
    static CompletableFuture<LintReport> lintMeanwhile(Connector connector, RehearseRequest request) {
        return CompletableFuture.supplyAsync(() -> lint(connector, request));
    }

    /** Each measured statement with its prediction beside it; a statement lint did not see keeps none. */
    static List<StatementResult> attach(LintReport report, List<StatementResult> measured) {
        List<StatementResult> joined = new ArrayList<>();
        for (StatementResult s : measured) {
            StatementPrediction prediction = report.statements().stream()
                    .filter(p -> p.file().equals(s.file()) && p.line() == s.line()).findFirst().orElse(null);
            joined.add(prediction == null ? s : s.withPrediction(describe(prediction, report.findingsOf(prediction.file(),
                    prediction.statement()))));
        }
        return joined;
    }

    /** {@code ACCESS EXCLUSIVE on orders}, {@code rewrites}, {@code error [add-column-volatile-default]}. */
    static List<String> describe(StatementPrediction prediction, List<Finding> findings) {
        List<String> parts = new ArrayList<>();
        prediction.locks().stream().map(PredictedLock::toString).forEach(parts::add);
        if (prediction.rewrite()) {
            parts.add("rewrites");
        }
        findings.forEach(f -> parts.add(f.severity().name().toLowerCase(java.util.Locale.ROOT) + " [" + f.rule().id() + "]"));
        return parts;
    }
}
