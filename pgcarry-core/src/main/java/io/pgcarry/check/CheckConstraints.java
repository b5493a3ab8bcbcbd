package io.pgcarry.check;

import io.pgcarry.report.ProblemCode;
import io.pgcarry.catalog.Constraint;
import io.pgcarry.catalog.LoadDeferredChecks;
import io.pgcarry.catalog.RowKeys;
import io.pgcarry.plan.Conversion;
import io.pgcarry.plan.MovePlan;
import io.pgcarry.plan.TableMove;
import io.pgcarry.report.Problem;
import io.pgcarry.report.Severity;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates the target's CHECK constraints on the source rows, where the constrained columns arrive under the
 * same names and types. A check that cannot run on the source (it calls a function only the target has) is
 * reported as not verified: the load itself will enforce it.
 */
final class CheckConstraints {
    private CheckConstraints() {
    }

    /**
     * @param deferred labels of NOT VALID checks a move sets aside during the load and puts back NOT VALID: source
     *                 rows that fail one are carried, as pg_dump carries them, and reported as a note
     */
    static List<Problem> run(Connection source, MovePlan plan, Set<String> deferred) {
        List<Problem> problems = new ArrayList<>();
        for (TableMove move : plan.tables()) {
            for (Constraint check : plan.target().constraintsOf(move.target().name())) {
                if (check.kind() != 'c' || !sameColumns(move, check)) {
                    continue;
                }
                String expression = check.definition().replaceFirst("^CHECK ", "").replaceFirst(" NOT VALID$", "");
                String bad = " FROM " + move.source().rowsSql() + " WHERE NOT " + expression;
                try {
                    Problem violation = AccessGuard.underSavepoint(source, () -> {
                        long count = SourceDataCheck.count(source, "SELECT count(*)" + bad);
                        if (count == 0) {
                            return null;
                        }
                        List<String> samples = SourceDataCheck.strings(source, "SELECT " + RowKeys.keyText(move.source(), null) + bad + " LIMIT 10");
                        return deferred.contains(check.label())
                                ? new Problem(Severity.NOTE, ProblemCode.CHECK_NOT_VALID_CARRIED, check.label(), "source rows fail the target's "
                                        + check.definition() + "; the check is set aside during the load and put back NOT VALID, "
                                        + "as pg_dump does, so they are carried and it is never validated on your behalf", count, samples)
                                : new Problem(Severity.ERROR, ProblemCode.CHECK_VIOLATION, check.label(), "source rows fail "
                                + "the target's " + check.definition() + "; fix them or convert them in the mapping file", count, samples);
                    });
                    if (violation != null) {
                        problems.add(violation);
                    }
                } catch (SQLException e) {
                    problems.add(Problem.warning(ProblemCode.CHECK_NOT_VERIFIED, check.label(), "cannot evaluate " + check.definition()
                            + " on the source (" + e.getMessage().lines().findFirst().orElse("") + "); the load enforces it"));
                }
            }
        }
        return problems;
    }

    /**
     * Of the target's {@code candidates}, those a move sets aside: a check that stands alone, and one that an inheritance
     * tree shares when the source table the move copies into its table holds a check of that name NOT VALID as well
     * (its rows may then legitimately break it, as pg_dump's load of them shows).
     */
    static Map<String, LoadDeferredChecks.Deferrable> deferred(MovePlan plan, Map<String, LoadDeferredChecks.Deferrable> candidates) {
        Map<String, LoadDeferredChecks.Deferrable> deferred = new HashMap<>();
        candidates.forEach((label, check) -> {
            if (!check.inherited() || notValidInSource(plan, check)) {
                deferred.put(label, check);
            }
        });
        return deferred;
    }

    private static boolean notValidInSource(MovePlan plan, LoadDeferredChecks.Deferrable check) {
        return plan.tables().stream().filter(t -> t.target().name().equals(check.table()))
                .flatMap(t -> plan.source().constraintsOf(t.source().name()).stream())
                .anyMatch(k -> k.kind() == 'c' && k.name().equals(check.name()) && !k.validated());
    }

    private static boolean sameColumns(TableMove move, Constraint check) {
        return check.columns().stream().allMatch(name -> move.columns().stream().anyMatch(c -> c.target().name().equals(name)
                && c.conversion() == Conversion.SAME && c.source().name().equals(name)))
                && !check.columns().isEmpty();
    }

}
