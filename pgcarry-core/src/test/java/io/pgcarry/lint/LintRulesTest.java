package io.pgcarry.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.report.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each rule on an unsafe statement and on its safe variant, on tables that already exist (the lint knows of no target,
 * so every table not created in the file is taken to exist).
 */
class LintRulesTest {
    private static final String TIMEOUT = "SET lock_timeout = '2s';\n";

    @Test
    void volatileDefaultRewritesAndAConstantOneDoesNotFrom11() {
        assertThat(rules("ALTER TABLE t ADD COLUMN id2 uuid DEFAULT gen_random_uuid()")).containsExactly("add-column-volatile-default");
        assertThat(only("ALTER TABLE t ADD COLUMN at timestamptz DEFAULT clock_timestamp()").rewrite()).isTrue();
        assertThat(rules("ALTER TABLE t ADD COLUMN flag boolean NOT NULL DEFAULT false")).isEmpty();
        assertThat(rules("ALTER TABLE t ADD COLUMN at timestamptz DEFAULT now()")).isEmpty();
        assertThat(prediction(13, "ALTER TABLE t ADD COLUMN n int DEFAULT 0").rewrite()).isFalse();
        assertThat(rules(10, "ALTER TABLE t ADD COLUMN n int DEFAULT 0")).containsExactly("add-column-default-before-11");
        assertThat(rules(10, "ALTER TABLE t ADD COLUMN n int DEFAULT NULL")).isEmpty();
        assertThat(rules("ALTER TABLE t ADD COLUMN n int DEFAULT (random() * 10)::int NOT NULL")).containsExactly("add-column-volatile-default");
    }

    @Test
    void aDefaultCallingAnUnknownFunctionIsAWarningThatSaysSo() {
        Finding f = only("ALTER TABLE t ADD COLUMN code text DEFAULT make_code()");
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.message()).contains("if make_code() is volatile");
    }

    @Test
    void serialIdentityAndStoredGeneratedColumnsRewrite() {
        assertThat(rules("ALTER TABLE t ADD COLUMN n bigserial")).containsExactly("add-column-generated");
        assertThat(rules("ALTER TABLE t ADD COLUMN n int GENERATED ALWAYS AS IDENTITY")).containsExactly("add-column-generated");
        assertThat(rules("ALTER TABLE t ADD COLUMN total int GENERATED ALWAYS AS (a + b) STORED")).containsExactly("add-column-generated");
        assertThat(rules("ALTER TABLE t ADD COLUMN n int")).isEmpty();
    }

    @Test
    void typeChangesRewriteUnlessBinaryCoercible() {
        Finding f = only("ALTER TABLE t ALTER COLUMN id TYPE bigint");
        assertThat(f.rule()).isEqualTo(LintRule.CHANGE_COLUMN_TYPE);
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.lock()).isEqualTo(LockMode.ACCESS_EXCLUSIVE);
        assertThat(f.rewrite()).isTrue();
        assertThat(only("ALTER TABLE t ALTER COLUMN name TYPE varchar(200)").severity()).isEqualTo(Severity.WARNING);
        assertThat(only("ALTER TABLE t ALTER COLUMN name TYPE text USING name::text").severity()).isEqualTo(Severity.ERROR);
        TargetFacts facts = new TargetFacts() {
            @Override
            public java.util.Optional<String> columnType(TableRef table, String column) {
                return java.util.Optional.of("character varying(20)");
            }
        };
        LintContext context = new LintContext(13, "test", 0, facts, true);
        assertThat(lint(context, "ALTER TABLE t ALTER COLUMN name TYPE varchar(200)").findings()).isEmpty();
        assertThat(lint(context, "ALTER TABLE t ALTER COLUMN name TYPE text").findings()).isEmpty();
        assertThat(lint(context, "ALTER TABLE t ALTER COLUMN name TYPE varchar(10)").findings()).extracting(Finding::rule)
                .containsExactly(LintRule.CHANGE_COLUMN_TYPE);
    }

    @Test
    void setNotNullScansUnlessAValidatedCheckCameFirstOn12AndLater() {
        assertThat(rules("ALTER TABLE t ALTER COLUMN a SET NOT NULL")).containsExactly("set-not-null");
        String safe = """
                ALTER TABLE t ADD CONSTRAINT a_nn CHECK (a IS NOT NULL) NOT VALID;
                COMMIT;
                ALTER TABLE t VALIDATE CONSTRAINT a_nn;
                ALTER TABLE t ALTER COLUMN a SET NOT NULL;
                """;
        assertThat(rules(TIMEOUT + safe)).isEmpty();
        assertThat(rules(11, TIMEOUT + safe)).containsExactly("set-not-null");
    }

    @Test
    void createIndexWithoutConcurrentlyOnAnExistingTableOnly() {
        Finding f = only("CREATE INDEX t_a ON t (a)");
        assertThat(f.rule()).isEqualTo(LintRule.CREATE_INDEX);
        assertThat(f.lock()).isEqualTo(LockMode.SHARE);
        assertThat(rules("CREATE INDEX CONCURRENTLY t_a ON t (a)")).isEmpty();
        assertThat(prediction(13, "CREATE INDEX CONCURRENTLY t_a ON t (a)").strongest()).isEqualTo(LockMode.SHARE_UPDATE_EXCLUSIVE);
        assertThat(rules("CREATE TABLE n (a int);\nCREATE INDEX n_a ON n (a);\nCREATE UNIQUE INDEX n_b ON public.n (a)")).isEmpty();
    }

    @Test
    void dropIndexWithoutConcurrently() {
        assertThat(rules("DROP INDEX t_a")).containsExactly("drop-index-not-concurrently");
        assertThat(rules("DROP INDEX CONCURRENTLY IF EXISTS t_a")).isEmpty();
    }

    @Test
    void foreignKeysAndChecksWithoutNotValid() {
        LintReport fk = lint(context(13), "ALTER TABLE orders ADD CONSTRAINT o_c FOREIGN KEY (c) REFERENCES customers (id)");
        assertThat(fk.findings()).extracting(Finding::rule).containsExactly(LintRule.ADD_CONSTRAINT_VALIDATES);
        assertThat(fk.statements().get(0).locks()).extracting(PredictedLock::toString)
                .containsExactlyInAnyOrder("SHARE ROW EXCLUSIVE on orders", "SHARE ROW EXCLUSIVE on customers");
        assertThat(rules("ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0)")).containsExactly("add-constraint-validates");
        assertThat(rules(TIMEOUT + "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID")).isEmpty();
        assertThat(rules("ALTER TABLE orders ADD CONSTRAINT o_c FOREIGN KEY (c) REFERENCES customers NOT VALID")).isEmpty();
    }

    @Test
    void validateInTheTransactionOfTheNotValidAdd() {
        String both = TIMEOUT + "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;\nALTER TABLE t VALIDATE CONSTRAINT c;\n";
        assertThat(rules(both)).isEmpty();
        assertThat(rules("BEGIN;\n" + both + "COMMIT;")).containsExactly("validate-in-same-transaction");
        assertThat(lint(new LintContext(13, "test", 0, TargetFacts.NONE, false), List.of(new LintSource("f.sql", both, "migrate apply")))
                .findings()).extracting(Finding::rule).containsExactly(LintRule.VALIDATE_IN_SAME_TRANSACTION);
        assertThat(prediction(13, TIMEOUT + "ALTER TABLE t VALIDATE CONSTRAINT c", 2).strongest()).isEqualTo(LockMode.SHARE_UPDATE_EXCLUSIVE);
    }

    @Test
    void uniqueAndPrimaryKeyOnlyThroughAnIndexBuiltConcurrently() {
        assertThat(rules(TIMEOUT + "ALTER TABLE t ADD CONSTRAINT t_u UNIQUE (a)")).containsExactly("add-unique-without-index");
        assertThat(rules(TIMEOUT + "ALTER TABLE t ADD PRIMARY KEY (id)")).containsExactly("add-unique-without-index");
        assertThat(rules(TIMEOUT + "CREATE UNIQUE INDEX CONCURRENTLY t_u ON t (a);\nALTER TABLE t ADD CONSTRAINT t_u UNIQUE USING INDEX t_u"))
                .isEmpty();
    }

    @Test
    void renamesAndDropsBreakTheRunningApplication() {
        assertThat(rules(TIMEOUT + "ALTER TABLE t RENAME TO u")).containsExactly("rename-table");
        assertThat(rules(TIMEOUT + "ALTER TABLE t RENAME COLUMN a TO b")).containsExactly("rename-column");
        assertThat(rules(TIMEOUT + "ALTER TABLE t DROP COLUMN a")).containsExactly("drop-column");
        assertThat(rules(TIMEOUT + "DROP TABLE IF EXISTS t, u")).containsExactly("drop-table", "drop-table");
        assertThat(rules(TIMEOUT + "DROP MATERIALIZED VIEW IF EXISTS totals")).containsExactly("drop-table");
        assertThat(rules(TIMEOUT + "DROP SEQUENCE counter")).containsExactly("drop-table");
        assertThat(rules(TIMEOUT + "DROP VIEW names")).as("a view holds no data").isEmpty();
        assertThat(rules("CREATE TABLE n (a int);\nALTER TABLE n RENAME COLUMN a TO b;\nDROP TABLE n")).isEmpty();
    }

    @Test
    void lockTimeoutBeforeAccessExclusive() {
        Finding f = only("ALTER TABLE \"Animal\" ADD COLUMN legs int");
        assertThat(f.rule()).isEqualTo(LintRule.LOCK_TIMEOUT_MISSING);
        assertThat(f.table()).hasToString("\"Animal\"");
        assertThat(allRules("SET lock_timeout TO '1s';\nALTER TABLE t ADD COLUMN legs int")).isEmpty();
        assertThat(allRules("SET lock_timeout = 0;\nALTER TABLE t ADD COLUMN legs int")).containsExactly("lock-timeout-missing");
        assertThat(allRules("BEGIN;\nSET LOCAL lock_timeout = '1s';\nALTER TABLE t ADD COLUMN a int;\nCOMMIT;\nALTER TABLE t ADD COLUMN b int"))
                .containsExactly("lock-timeout-missing");
        assertThat(allRules("SELECT set_config('lock_timeout', '3s', false);\nALTER TABLE t ADD COLUMN legs int")).isEmpty();
        assertThat(lint(context(13).withLockTimeoutSet(), "ALTER TABLE t ADD COLUMN legs int").findings()).isEmpty();
    }

    @Test
    void concurrentlyInsideATransaction() {
        assertThat(rules("BEGIN;\nCREATE INDEX CONCURRENTLY t_a ON t (a);\nCOMMIT;")).containsExactly("concurrently-in-transaction");
        assertThat(rules("CREATE INDEX CONCURRENTLY t_a ON t (a);\nDROP INDEX CONCURRENTLY t_b;")).isEmpty();
        assertThat(rules("BEGIN;\nVACUUM t;\nROLLBACK;\nVACUUM t;")).containsExactly("concurrently-in-transaction");
    }

    @Test
    void vacuumFullClusterAndRefresh() {
        assertThat(rules(TIMEOUT + "VACUUM FULL t")).containsExactly("vacuum-full");
        assertThat(rules(TIMEOUT + "VACUUM (FULL, ANALYZE) t")).containsExactly("vacuum-full");
        assertThat(rules("VACUUM ANALYZE t")).isEmpty();
        assertThat(rules(TIMEOUT + "CLUSTER t USING t_pkey")).containsExactly("cluster");
        assertThat(rules(TIMEOUT + "REFRESH MATERIALIZED VIEW totals")).containsExactly("refresh-materialized-view");
        assertThat(rules("REFRESH MATERIALIZED VIEW CONCURRENTLY totals")).isEmpty();
        assertThat(prediction(13, "REFRESH MATERIALIZED VIEW CONCURRENTLY totals").strongest()).isEqualTo(LockMode.EXCLUSIVE);
    }

    @Test
    void enumAddValueInATransactionFailsBefore12Only() {
        String sql = "BEGIN;\nALTER TYPE mood ADD VALUE 'meh';\nCOMMIT;";
        assertThat(rules(11, sql)).containsExactly("enum-add-value-in-transaction");
        assertThat(rules(12, sql)).isEmpty();
        assertThat(rules(11, "ALTER TYPE mood ADD VALUE 'meh'")).isEmpty();
    }

    @Test
    void wholeTableWrites() {
        assertThat(rules(TIMEOUT + "TRUNCATE t")).containsExactly("truncate");
        assertThat(rules("DELETE FROM t")).containsExactly("delete-without-where");
        assertThat(rules("DELETE FROM t WHERE id < 1000")).isEmpty();
        assertThat(rules("UPDATE t SET a = 0")).containsExactly("update-without-where");
        assertThat(rules("UPDATE t SET a = 0 WHERE id BETWEEN 1 AND 1000")).isEmpty();
        assertThat(prediction(13, "UPDATE t SET a = 0").strongest()).isEqualTo(LockMode.ROW_EXCLUSIVE);
    }

    @Test
    void allowCommentsSilenceNamedRulesAndAnUnknownOneIsReported() {
        String sql = """
                -- the table holds 40 rows
                -- pgcarry:allow create-index-not-concurrently, lock-timeout-missing: tiny table
                CREATE INDEX t_a ON t (a);
                -- pgcarry:allow create-index-concurently
                CREATE INDEX t_b ON t (b);
                """;
        LintReport report = lint(context(13), sql);
        assertThat(report.findings()).extracting(f -> f.rule().id() + "@" + f.line())
                .containsExactly("unknown-allow@4", "create-index-not-concurrently@5");
    }

    @Test
    void quotedNamesAndSchemasAreKept() {
        Finding f = only("CREATE INDEX i ON app.\"Order Items\" (a)");
        assertThat(f.table()).isEqualTo(new TableRef("app", "Order Items"));
        assertThat(f.table().sql()).isEqualTo("\"app\".\"Order Items\"");
    }

    private static LintContext context(int version) {
        return new LintContext(version, "test", LintContext.DEFAULT_SMALL_TABLE, TargetFacts.NONE, false);
    }

    private static LintReport lint(LintContext context, String sql) {
        return lint(context, List.of(LintSource.plain("f.sql", sql)));
    }

    private static LintReport lint(LintContext context, List<LintSource> sources) {
        return Lint.check(sources, context);
    }

    private static List<String> rules(String sql) {
        return rules(13, sql);
    }

    /** The rules that fire, leaving out a missing lock_timeout (tested on its own). */
    private static List<String> rules(int version, String sql) {
        return lint(context(version), sql).findings().stream().map(f -> f.rule().id()).filter(id -> !id.equals("lock-timeout-missing"))
                .toList();
    }

    private static List<String> allRules(String sql) {
        return lint(context(13), sql).findings().stream().map(f -> f.rule().id()).toList();
    }

    /** The one finding of {@code sql}, not counting a missing lock_timeout unless it is the only one. */
    private static Finding only(String sql) {
        List<Finding> findings = lint(context(13), sql).findings();
        List<Finding> others = findings.stream().filter(f -> f.rule() != LintRule.LOCK_TIMEOUT_MISSING).toList();
        assertThat(others.isEmpty() ? findings : others).hasSize(1);
        return others.isEmpty() ? findings.get(0) : others.get(0);
    }

    private static StatementPrediction prediction(int version, String sql) {
        return prediction(version, sql, 1);
    }

    private static StatementPrediction prediction(int version, String sql, int statement) {
        return lint(context(version), sql).statements().get(statement - 1);
    }
}
