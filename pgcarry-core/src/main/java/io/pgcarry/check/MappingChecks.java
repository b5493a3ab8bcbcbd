package io.pgcarry.check;

import io.pgcarry.report.ProblemCode;
import io.pgcarry.catalog.Catalog;
import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.catalog.Table;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.plan.ColumnMove;
import io.pgcarry.plan.Conversion;
import io.pgcarry.plan.LogicalReference;
import io.pgcarry.plan.MovePlan;
import io.pgcarry.plan.TableMove;
import io.pgcarry.report.Problem;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The mapping file's parts that only a database can judge, checked before a move rather than half-way through it:
 * every {@code values:} expression is evaluated on the source in the target column's type (first on one row, which
 * catches syntax, unknown names and type errors, then over every row, which catches division by zero or a failed
 * cast), and every {@code references:} entry must name tables and columns the target has.
 */
final class MappingChecks {
    /** undefined_function: with search_path pinned to pg_catalog, an unqualified user function is not found. */
    private static final String UNDEFINED_FUNCTION = "42883";
    /** insufficient_privilege: the privilege checks report it. */
    private static final String DENIED = "42501";

    private MappingChecks() {
    }

    /** What the expressions of one plan did on the source, and the tables whose data checks cannot run. */
    record Result(List<Problem> problems, Set<QualifiedName> brokenTables) {
    }

    /** A MAPPING_REFERENCE error for each table or column of a reference that the target lacks. */
    static List<Problem> references(Catalog target, List<LogicalReference> references) {
        List<Problem> problems = new ArrayList<>();
        for (LogicalReference r : references) {
            unresolved(target, r, r.fromTable(), r.fromColumn()).ifPresent(problems::add);
            unresolved(target, r, r.toTable(), r.toColumn()).ifPresent(problems::add);
        }
        return problems;
    }

    /** Whether the target has both tables and both columns of the reference. */
    static boolean resolves(Catalog target, LogicalReference r) {
        return unresolved(target, r, r.fromTable(), r.fromColumn()).isEmpty() && unresolved(target, r, r.toTable(), r.toColumn()).isEmpty();
    }

    private static Optional<Problem> unresolved(Catalog target, LogicalReference r, QualifiedName table, String column) {
        Optional<Table> found = target.table(table);
        String message = found.isEmpty() ? "the mapping file's reference " + r.label() + " names table " + table
                + ", which the target does not have"
                : found.get().column(column).isEmpty() ? "the mapping file's reference " + r.label() + " names column "
                + Identifiers.display(column) + ", which target table " + table + " does not have" : null;
        return Optional.ofNullable(message).map(m -> Problem.error(ProblemCode.MAPPING_REFERENCE,
                table + "." + Identifiers.display(column), m + "; references name target tables and columns (Table.column)"));
    }

    /** Evaluates every mapping expression of the plan on the source, which must be in its snapshot transaction. */
    static Result expressions(Connection source, MovePlan plan) {
        List<Problem> problems = new ArrayList<>();
        Set<QualifiedName> broken = new HashSet<>();
        try {
            for (TableMove move : plan.tables()) {
                List<ColumnMove> valid = new ArrayList<>();
                for (ColumnMove column : expressionsOf(move)) {
                    String failure = failure(source, "SELECT " + typed(column) + " FROM " + move.source().rowsSql() + " LIMIT 1");
                    if (failure == null) {
                        valid.add(column);
                    } else {
                        problems.add(problem(move, column, failure));
                    }
                }
                if (!valid.isEmpty() && failure(source, allRows(move, valid)) != null) {
                    // Some expression fails on some row: evaluate them one by one to name which.
                    for (ColumnMove column : valid) {
                        String failure = failure(source, allRows(move, List.of(column)));
                        if (failure != null) {
                            problems.add(problem(move, column, failure));
                        }
                    }
                }
                if (problems.stream().anyMatch(p -> p.object().startsWith(move.target().name() + "."))) {
                    broken.add(move.target().name());
                }
            }
            return new Result(problems, broken);
        } catch (SQLException e) {
            throw SqlErrors.translate("evaluating the mapping file's values on the source", e);
        }
    }

    private static List<ColumnMove> expressionsOf(TableMove move) {
        return move.columns().stream().filter(c -> c.conversion() == Conversion.EXPRESSION).toList();
    }

    /** The expression in the target column's type, as the load will need it (a user type, absent on the source, as text). */
    private static String typed(ColumnMove column) {
        return "(" + column.sourceSql() + ")::" + (column.target().builtIn() ? column.target().type() : "text");
    }

    private static String allRows(TableMove move, List<ColumnMove> columns) {
        return "SELECT " + columns.stream().map(c -> "count(" + typed(c) + ")").collect(Collectors.joining(", "))
                + " FROM " + move.source().rowsSql();
    }

    /** PostgreSQL's message when the query fails, null when it runs (or when the role may not read the table). */
    private static String failure(Connection source, String sql) throws SQLException {
        try {
            AccessGuard.underSavepoint(source, () -> {
                try (Statement s = source.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                    return rs.next();
                }
            });
            return null;
        } catch (SQLException e) {
            if (e.getSQLState() == null || e.getSQLState().startsWith("08")) {
                throw e;
            }
            if (DENIED.equals(e.getSQLState())) {
                return null;
            }
            String message = SqlErrors.describe(e);
            return UNDEFINED_FUNCTION.equals(e.getSQLState()) ? message + "; pgcarry's sessions run with search_path = "
                    + "pg_catalog, pg_temp, so call your own functions schema-qualified (public.my_function(...))" : message;
        }
    }

    private static Problem problem(TableMove move, ColumnMove column, String failure) {
        return Problem.error(ProblemCode.MAPPING_EXPRESSION, move.target().name() + "." + Identifiers.display(column.target().name()),
                "the mapping file's value " + column.sourceSql() + " fails on source table " + move.source().name()
                        + ": " + failure);
    }
}
