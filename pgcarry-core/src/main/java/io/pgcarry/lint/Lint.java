package io.pgcarry.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code pgcarry lint}: reads migration files statement by statement, as {@code migrate apply} splits them, and predicts
 * what each statement does to a live database (the locks it takes, whether it rewrites or scans a table), with a
 * {@link Finding} for each hazard a {@link LintRule} knows and its safer alternative. Pure: what it knows of the target
 * comes in the {@link LintContext}. {@code rehearse} calls {@link #check} and shows each {@link StatementPrediction} beside
 * what it measured.
 */
public final class Lint {
    private Lint() {
    }

    /** Lints {@code sources} in order (a table created by an earlier file is new in a later one). */
    public static LintReport check(List<LintSource> sources, LintContext context) {
        return check(sources, context, null);
    }

    /** The same, naming {@code target} (redacted) as the database the sizes came from. */
    public static LintReport check(List<LintSource> sources, LintContext context, String target) {
        Walk walk = new Walk(context);
        List<StatementPrediction> statements = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (LintSource source : sources) {
            new FileLint(source, walk).run(statements, findings);
        }
        return LintReport.of(context, target, sources.stream().map(LintSource::file).toList(), statements, findings);
    }
}
