package io.pgcarry.check;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.error.Setting;
import io.pgcarry.error.SqlErrors;
import io.pgcarry.report.Problem;
import io.pgcarry.report.ProblemCode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The user triggers that will fire during a load with pgcarry's search path ({@code pg_catalog, pg_temp}), whose
 * functions have none of their own: a body that names a table or function without its schema, as application code
 * often does, then fails with "does not exist" in the middle of the load. pgcarry cannot tell from the body whether
 * it does, so each is a warning naming the trigger and its function, with the three ways out, before anything is
 * written. Functions in C (the server's own trigger functions) look no names up. A load into a partitioned table fires
 * the triggers of the partitions its rows go to.
 */
final class TriggerSearchPaths {
    private static final String FIRING = """
            WITH loaded AS (SELECT q.name::pg_catalog.regclass AS relid FROM pg_catalog.unnest(?::text[]) AS q(name)),
                 fired AS (SELECT relid FROM loaded
                           UNION
                           SELECT tree.relid FROM loaded CROSS JOIN LATERAL pg_catalog.pg_partition_tree(loaded.relid) AS tree)
            SELECT tn.nspname, tc.relname, t.tgname, t.tgfoid::pg_catalog.regprocedure::text
              FROM fired
              JOIN pg_catalog.pg_trigger t ON t.tgrelid = fired.relid
              JOIN pg_catalog.pg_class tc ON tc.oid = t.tgrelid
              JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
              JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid
              JOIN pg_catalog.pg_language l ON l.oid = p.prolang
             WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND t.tgtype & 4 <> 0
               AND l.lanname NOT IN ('c', 'internal')
               AND NOT EXISTS (SELECT FROM pg_catalog.unnest(p.proconfig) AS s(setting) WHERE s.setting LIKE 'search\\_path=%')
             ORDER BY 1, 2, 3
            """;

    private TriggerSearchPaths() {
    }

    /**
     * @param targetRows per loaded target table, the rows it holds now: with {@link LoadTriggers#DISABLE}, the triggers
     *                   of tables that were empty are disabled for the load and fire on nothing
     */
    static List<Problem> check(Connection target, Map<QualifiedName, Long> targetRows, LoadTriggers triggers) {
        if (triggers == LoadTriggers.FIRE_WITH_TARGET_SEARCH_PATH) {
            return List.of();
        }
        List<String> firing = targetRows.entrySet().stream()
                .filter(e -> triggers != LoadTriggers.DISABLE || e.getValue() != 0)
                .map(e -> e.getKey().sql()).toList();
        if (firing.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement ps = target.prepareStatement(FIRING)) {
            Array names = target.createArrayOf("text", firing.toArray());
            ps.setArray(1, names);
            return warnings(ps);
        } catch (SQLException e) {
            throw SqlErrors.translate("reading the target's triggers", e);
        }
    }

    private static List<Problem> warnings(PreparedStatement ps) throws SQLException {
        List<Problem> problems = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                QualifiedName table = new QualifiedName(rs.getString(1), rs.getString(2));
                String trigger = rs.getString(3) + " on " + table;
                problems.add(Problem.warning(ProblemCode.TRIGGER_SEARCH_PATH, trigger, "fires for the loaded rows and its function "
                        + rs.getString(4) + " has no search_path of its own: it runs with pgcarry's (pg_catalog, pg_temp), so"
                        + " a table or function it names without a schema is not found and stops the load; qualify the"
                        + " names or give the function SET search_path, or pass " + Setting.TRIGGER_SEARCH_PATH.mention()
                        + " (run the load with the target's default search path) or " + Setting.DISABLE_TRIGGERS.mention()));
            }
        }
        return problems;
    }
}
