package io.pgcarry.demo;

import io.pgcarry.report.ProblemCode;
import io.pgcarry.check.CheckReport;
import io.pgcarry.report.Problem;
import io.pgcarry.verify.RowDifference;
import io.pgcarry.verify.TableValidation;
import io.pgcarry.verify.ValidationReport;
import java.util.ArrayList;
import java.util.List;

/**
 * What the demo plants (planted-*.sql and changed-target-row.sql) and what pgcarry must report about it: no
 * more, no less. The demo is a check of pgcarry itself, so a finding missed or one too many fails it.
 */
public final class DemoExpectations {
    /** The errors check must report on {@code v1_planted}, and only these. */
    public static final List<ExpectedProblem> CHECK = List.of(
            new ExpectedProblem(ProblemCode.ENUM_VALUE_MISSING, "\"Animal\"", 1, "id=4242"),
            new ExpectedProblem(ProblemCode.FK_ORPHAN, "\"AnimalOwner\"", 1, "id=20001"));

    /** The one row validate must name as changed after the target was edited. */
    public static final ExpectedChange VALIDATE = new ExpectedChange("\"Animal\"", "id=1234", "name");

    private DemoExpectations() {
    }

    /**
     * An error check must report.
     *
     * @param code      the problem code
     * @param table     the quoted table name the problem's object must contain
     * @param rows      the rows affected
     * @param sampleKey a key among the samples
     */
    public record ExpectedProblem(ProblemCode code, String table, long rows, String sampleKey) {
        boolean matches(Problem p) {
            return p.isError() && p.code() == code && p.object() != null && p.object().contains(table)
                    && p.affectedRows() != null && p.affectedRows() == rows && p.samples().contains(sampleKey);
        }

        @Override
        public String toString() {
            return code + " on " + table + " (" + rows + (rows == 1 ? " row, " : " rows, ") + sampleKey + ")";
        }
    }

    /**
     * A row validate must report as {@link RowDifference#CHANGED}.
     *
     * @param table  the quoted table name the validated table's label must contain
     * @param key    the row's primary key as validate prints it
     * @param column the one column that differs
     */
    public record ExpectedChange(String table, String key, String column) {
        boolean matches(TableValidation t) {
            return !t.passed() && t.table().contains(table) && t.differences().size() == 1 && !t.truncated()
                    && matches(t.differences().get(0));
        }

        private boolean matches(RowDifference d) {
            return d.kind().equals(RowDifference.CHANGED) && d.key().equals(key) && d.columns().equals(List.of(column));
        }

        @Override
        public String toString() {
            return table + " " + key + " changed in column " + column;
        }
    }

    /** How the check of the planted source differs from {@link #CHECK}; empty when it found exactly that. */
    public static List<String> checkMismatches(CheckReport report) {
        List<String> mismatches = new ArrayList<>();
        for (ExpectedProblem expected : CHECK) {
            if (report.problems().stream().noneMatch(expected::matches)) {
                mismatches.add("check did not report " + expected);
            }
        }
        for (Problem p : report.problems()) {
            if (p.isError() && CHECK.stream().noneMatch(e -> e.matches(p))) {
                mismatches.add("check reported an error nobody planted: " + p.code() + " " + p.object());
            }
        }
        return mismatches;
    }

    /** How the validation of the edited target differs from {@link #VALIDATE}; empty when it found exactly that. */
    public static List<String> validateMismatches(ValidationReport report) {
        List<String> mismatches = new ArrayList<>();
        if (report.tables().stream().noneMatch(VALIDATE::matches)) {
            mismatches.add("validate did not report " + VALIDATE);
        }
        report.tables().stream().filter(t -> !t.passed() && !VALIDATE.matches(t))
                .forEach(t -> mismatches.add("validate failed a table nobody changed: " + t.table()));
        report.references().stream().filter(r -> !r.passed())
                .forEach(r -> mismatches.add("validate found orphans nobody planted: " + r.reference()));
        report.sequences().stream().filter(s -> !s.passed())
                .forEach(s -> mismatches.add("validate failed a sequence nobody changed: " + s.sequence()));
        report.problems().stream().filter(Problem::isError)
                .forEach(p -> mismatches.add("validate reported " + p.code() + " " + p.object()));
        return mismatches;
    }
}
