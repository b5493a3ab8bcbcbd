package io.pgcarry.lint;

import io.pgcarry.report.Severity;
import java.util.List;

/**
 * The result of a lint: every statement's prediction and every finding, in file and statement order.
 *
 * @param pgVersion     the major version the rules assumed
 * @param versionSource where it came from: {@code server}, {@code --pg-version} or {@code assumed}
 * @param target        the database the sizes were read from (redacted), or null
 * @param files         the files, in order
 * @param statements    one prediction per statement
 * @param findings      the findings
 * @param errors        findings of severity error
 * @param warnings      findings of severity warning
 * @param notes         findings of severity note
 */
public record LintReport(int pgVersion, String versionSource, String target, List<String> files, List<StatementPrediction> statements,
                         List<Finding> findings, int errors, int warnings, int notes) {
    public LintReport {
        files = List.copyOf(files);
        statements = List.copyOf(statements);
        findings = List.copyOf(findings);
    }

    static LintReport of(LintContext context, String target, List<String> files, List<StatementPrediction> statements,
                         List<Finding> findings) {
        return new LintReport(context.pgVersion(), context.versionSource(), target, files, statements, findings,
                count(findings, Severity.ERROR), count(findings, Severity.WARNING), count(findings, Severity.NOTE));
    }

    private static int count(List<Finding> findings, Severity severity) {
        return (int) findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** Whether nothing of severity error was found. */
    public boolean passed() {
        return errors == 0;
    }

    /** The prediction of one statement (its 1-based position in its file), or null when there is none. */
    public StatementPrediction prediction(String file, int statement) {
        return statements.stream().filter(s -> s.file().equals(file) && s.statement() == statement).findFirst().orElse(null);
    }

    /** The findings of one statement. */
    public List<Finding> findingsOf(String file, int statement) {
        return findings.stream().filter(f -> f.file().equals(file) && f.statement() == statement).toList();
    }
}
