package io.pgcarry.check;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.catalog.Table;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.plan.LogicalReference;
import io.pgcarry.plan.MovePlan;
import io.pgcarry.report.MissingValue;
import io.pgcarry.report.Problem;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Runs the unique-key and foreign-key queries of {@link KeyChecks} on the source. */
final class KeyCheckRunner {
    private KeyCheckRunner() {
    }

    static List<Problem> run(Connection source, Connection target, MovePlan plan, List<LogicalReference> logical) {
        List<KeyChecks.KeyQuery> queries = new ArrayList<>(KeyChecks.uniqueKeys(plan));
        queries.addAll(KeyChecks.foreignKeys(plan, logical, table -> isEmpty(target, plan, table)));
        List<Problem> problems = new ArrayList<>();
        for (KeyChecks.KeyQuery query : queries) {
            if (query.countSql() == null) {
                problems.add(Problem.warning(query.code(), query.object(), query.message()));
                continue;
            }
            try {
                long bad = AccessGuard.unlessDenied(source, () -> SourceDataCheck.count(source, query.countSql())).orElse(0L);
                if (bad > 0) {
                    problems.add(new Problem(query.severity(), query.code(), query.object(), query.message(), bad,
                            SourceDataCheck.strings(source, query.sampleSql()), missing(source, query.missing())));
                }
            } catch (SQLException e) {
                throw SqlErrors.translate("checking " + query.object() + " on the source data", e);
            }
        }
        return problems;
    }

    private static List<MissingValue> missing(Connection source, KeyChecks.Missing missing) throws SQLException {
        List<MissingValue> values = new ArrayList<>();
        if (missing == null) {
            return values;
        }
        try (Statement s = source.createStatement(); ResultSet rs = s.executeQuery(missing.sql())) {
            while (rs.next()) {
                values.add(new MissingValue(missing.columns(), rs.getString(1), missing.referenced(), rs.getLong(2)));
            }
        }
        return values;
    }

    /** Whether a target table holds no rows; one the role may not read counts as holding some. */
    private static boolean isEmpty(Connection target, MovePlan plan, QualifiedName table) {
        String rows = plan.target().table(table).map(Table::rowsSql).orElse(table.sql());
        try {
            return AccessGuard.unlessDenied(target, () -> {
                try (Statement s = target.createStatement();
                     ResultSet rs = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + rows + ")")) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }).orElse(false);
        } catch (SQLException e) {
            throw SqlErrors.translate("looking into " + table, e);
        }
    }
}
