package io.pgcarry.check;

import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.report.ProblemCode;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.pgcarry.plan.MovePlan;
import io.pgcarry.report.Problem;
import io.pgcarry.report.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything a check found.
 *
 * @param source        the redacted source URL
 * @param target        the redacted target URL
 * @param sourceVersion the source's server version
 * @param targetVersion the target's server version
 * @param tables        how many tables the move would copy
 * @param problems      errors, warnings and notes, errors first
 * @param plan          the plan the check examined
 */
public record CheckReport(String source, String target, String sourceVersion, String targetVersion, int tables,
                          List<Problem> problems, @JsonIgnore MovePlan plan) {
    public CheckReport {
        problems = problems.stream().sorted(Comparator.comparing(Problem::severity)).toList();
    }

    /**
     * The report of a check on both sides: the connections' warnings first (pooled URL, password file ignored), then {@code problems}.
     */
    public static CheckReport of(ConnectionSpec from, ConnectionSpec to, MovePlan plan,
                                 List<Problem> problems) {
        List<Problem> all = new ArrayList<>();
        from.warnings().forEach(w -> all.add(Problem.warning(connectionCode(w), "source", w)));
        to.warnings().forEach(w -> all.add(Problem.warning(connectionCode(w), "target", w)));
        all.addAll(problems);
        return new CheckReport(from.redactedUrl(), to.redactedUrl(), version(plan.source().versionNumber()),
                version(plan.target().versionNumber()), plan.tables().size(), all, plan);
    }

    private static ProblemCode connectionCode(String warning) {
        return ConnectionSpec.aboutPasswordFile(warning) ? ProblemCode.PGPASS_IGNORED : ProblemCode.POOLED_URL;
    }

    private static String version(int number) {
        return (number / 10000) + "." + (number % 10000);
    }

    public long errors() {
        return count(Severity.ERROR);
    }

    public long warnings() {
        return count(Severity.WARNING);
    }

    public boolean passed() {
        return errors() == 0;
    }

    private long count(Severity severity) {
        return problems.stream().filter(p -> p.severity() == severity).count();
    }
}
