package io.pgcarry.demo;

import io.pgcarry.report.ProblemCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.check.CheckReport;
import io.pgcarry.report.Problem;
import io.pgcarry.verify.RowDifference;
import io.pgcarry.verify.TableValidation;
import io.pgcarry.verify.ValidationReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's verdict: it passes only when pgcarry reported exactly what was planted. */
class DemoExpectationsTest {
    private static final Problem ENUM = Problem.error(ProblemCode.ENUM_VALUE_MISSING, "public.\"Animal\".status", "not a label")
            .withRows(1, List.of("id=4242"));
    private static final Problem ORPHAN = Problem.error(ProblemCode.FK_ORPHAN, "public.\"AnimalOwner\".\"AnimalOwner_animalId_fkey\"", "orphans")
            .withRows(1, List.of("id=20001"));

    @Test
    void checkMatchesOnlyWhenBothPlantedErrorsAndNothingElseAreReported() {
        assertThat(DemoExpectations.checkMismatches(check(ENUM, ORPHAN, Problem.note(ProblemCode.TABLE_EXCLUDED, "x", "y")))).isEmpty();
        assertThat(DemoExpectations.checkMismatches(check(ENUM))).singleElement().asString().contains("FK_ORPHAN");
        assertThat(DemoExpectations.checkMismatches(check(ENUM, ORPHAN.withRows(2, List.of("id=20001", "id=7")))))
                .hasSize(2).anyMatch(m -> m.startsWith("check did not report FK_ORPHAN"))
                .anyMatch(m -> m.startsWith("check reported an error nobody planted: FK_ORPHAN"));
        assertThat(DemoExpectations.checkMismatches(check(ENUM, ORPHAN, Problem.error(ProblemCode.TABLE_MISSING, "t", "m"))))
                .containsExactly("check reported an error nobody planted: TABLE_MISSING t");
    }

    @Test
    void validateMatchesOnlyTheOneChangedRowAndColumn() {
        assertThat(DemoExpectations.validateMismatches(validation(table("public.\"Animal\"", changed("id=1234", "name")),
                table("public.\"Party\"")))).isEmpty();
        assertThat(DemoExpectations.validateMismatches(validation(table("public.\"Animal\"", changed("id=1234", "status")))))
                .containsExactly("validate did not report \"Animal\" id=1234 changed in column name",
                        "validate failed a table nobody changed: public.\"Animal\"");
        assertThat(DemoExpectations.validateMismatches(validation(table("public.\"Animal\"")))).singleElement().asString()
                .startsWith("validate did not report");
        assertThat(DemoExpectations.validateMismatches(validation(table("public.\"Animal\"", changed("id=1234", "name")),
                table("public.\"Party\"", changed("id=1", "email"))))).containsExactly("validate failed a table nobody changed: public.\"Party\"");
    }

    private static CheckReport check(Problem... problems) {
        return new CheckReport("src", "dst", "13.0", "17.0", 7, List.of(problems), null);
    }

    private static RowDifference changed(String key, String column) {
        return new RowDifference(RowDifference.CHANGED, key, List.of(column), Map.of());
    }

    private static TableValidation table(String name, RowDifference... differences) {
        return new TableValidation(name, 10, 10, "a", differences.length == 0 ? "a" : "b", differences.length == 0, 0.1, null,
                List.of(differences), false, false);
    }

    private static ValidationReport validation(TableValidation... tables) {
        return new ValidationReport("full", List.of(), List.of(tables), List.of(), List.of(), 1.0);
    }
}
