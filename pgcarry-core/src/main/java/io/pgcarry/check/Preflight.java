package io.pgcarry.check;

import io.pgcarry.error.Setting;
import io.pgcarry.largeobject.LargeObject;
import io.pgcarry.report.ProblemCode;
import io.pgcarry.report.Counts;
import io.pgcarry.catalog.Catalog;
import io.pgcarry.catalog.CatalogReader;
import io.pgcarry.catalog.LoadDeferredChecks;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.plan.LogicalReference;
import io.pgcarry.plan.MovePlan;
import io.pgcarry.plan.MovePlanner;
import io.pgcarry.plan.TableMove;
import io.pgcarry.report.Problem;
import io.pgcarry.report.Severity;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks of a move, run on open connections: the source inside the snapshot the move will copy, so what
 * is checked is exactly what will be copied. Never writes.
 */
public final class Preflight {
    private static final String UNFINISHED_MOVE = """
            SELECT count(*) FROM pgcarry.move_run WHERE status NOT IN ('done', 'aborted')
            """;

    private final CheckOptions options;

    public Preflight(CheckOptions options) {
        this.options = options;
    }

    /** Runs every check; {@code source} must be in a REPEATABLE READ transaction. */
    public Result run(Connection source, Connection target) {
        Catalog sourceCatalog = CatalogReader.read(source);
        Catalog targetCatalog = CatalogReader.read(target);
        MovePlan plan = new MovePlanner(options.mapping(), options.selection(), options.allowDroppedColumns())
                .plan(sourceCatalog, targetCatalog);
        List<Problem> problems = new ArrayList<>(plan.problems());
        problems.addAll(Privileges.source(source, plan));
        problems.addAll(Privileges.target(target, plan, options.truncateTarget(), options.disableTriggers()));
        Map<QualifiedName, Long> targetRows = targetRows(target, plan);
        problems.addAll(emptiness(targetRows));
        problems.addAll(TriggerSearchPaths.check(target, targetRows, options.triggers()));
        problems.addAll(unfinishedMove(target));
        problems.addAll(MappingChecks.references(targetCatalog, options.mapping().references()));
        MappingChecks.Result expressions = MappingChecks.expressions(source, plan);
        problems.addAll(expressions.problems());
        // The data of a table whose mapping expression fails cannot be read as the move would read it.
        MovePlan readable = new MovePlan(plan.source(), plan.target(), plan.tables().stream()
                .filter(t -> !expressions.brokenTables().contains(t.target().name())).toList(), plan.problems());
        for (TableMove move : readable.tables()) {
            problems.addAll(SourceDataCheck.run(source, move, sourceCatalog, targetCatalog));
        }
        List<LogicalReference> references = options.mapping().references().stream()
                .filter(r -> MappingChecks.resolves(targetCatalog, r)).toList();
        problems.addAll(KeyCheckRunner.run(source, target, readable, references));
        Map<String, LoadDeferredChecks.Deferrable> deferred = CheckConstraints.deferred(plan, LoadDeferredChecks.read(target));
        problems.addAll(CheckConstraints.run(source, readable, deferred.keySet()));
        LargeObjectChecks.Result largeObjects = LargeObjectChecks.run(source, target, options.selection());
        problems.addAll(largeObjects.problems());
        return new Result(plan, problems, targetRows, deferred, largeObjects.toCopy());
    }

    /**
     * The plan, the problems, the number of rows each target table held before the move, the target's NOT VALID
     * checks the move sets aside during the load (by label), whose violations it carries, and the source's large
     * objects to copy (those the target lacks; none when the move selects tables).
     */
    public record Result(MovePlan plan, List<Problem> problems, Map<QualifiedName, Long> targetRows,
                         Map<String, LoadDeferredChecks.Deferrable> deferredChecks, List<LargeObject> largeObjects) {
        public Result {
            largeObjects = List.copyOf(largeObjects);
        }

        public boolean passed() {
            return problems.stream().noneMatch(Problem::isError);
        }
    }

    private Map<QualifiedName, Long> targetRows(Connection target, MovePlan plan) {
        Map<QualifiedName, Long> rows = new HashMap<>();
        try {
            for (TableMove move : plan.tables()) {
                // A table the role may not read is reported by the privilege checks.
                AccessGuard.unlessDenied(target, () -> {
                    try (Statement s = target.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM (SELECT 1 FROM "
                            + move.target().rowsSql() + " LIMIT 1000000) t")) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }).ifPresent(count -> rows.put(move.target().name(), count));
            }
            return rows;
        } catch (SQLException e) {
            throw SqlErrors.translate("counting target rows", e);
        }
    }

    private List<Problem> emptiness(Map<QualifiedName, Long> targetRows) {
        List<Problem> problems = new ArrayList<>();
        targetRows.forEach((table, rows) -> {
            if (rows > 0) {
                String count = rows >= 1_000_000 ? "1000000 or more rows" : Counts.of(rows, "row");
                problems.add(options.truncateTarget()
                        ? Problem.warning(ProblemCode.TARGET_TRUNCATED, table.toString(), "holds " + count + " that " + Setting.TRUNCATE_TARGET.mention() + " WILL DELETE")
                        : new Problem(Severity.ERROR, ProblemCode.TARGET_NOT_EMPTY, table.toString(), "target table holds "
                                + count + "; empty it, exclude it, or pass " + Setting.TRUNCATE_TARGET.mention() + " to delete them", rows, List.of()));
            }
        });
        return problems;
    }

    private static List<Problem> unfinishedMove(Connection target) {
        try (Statement s = target.createStatement();
             ResultSet exists = s.executeQuery("SELECT to_regclass('pgcarry.move_run') IS NOT NULL")) {
            exists.next();
            if (!exists.getBoolean(1)) {
                return List.of();
            }
            try (Statement q = target.createStatement(); ResultSet rs = q.executeQuery(UNFINISHED_MOVE)) {
                rs.next();
                return rs.getLong(1) == 0 ? List.of() : List.of(Problem.error(ProblemCode.MOVE_UNFINISHED, "target database",
                        "an earlier move into this database did not finish; run the move again with the same arguments and "
                                + Setting.RESUME.mention() + " to finish it or " + Setting.ABORT.mention() + " to undo it (see 'pgcarry status')"));
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("reading pgcarry's journal on the target", e);
        }
    }
}
