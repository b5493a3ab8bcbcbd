package io.pgcarry.lint;

import io.pgcarry.migrate.MigrationTool;
import io.pgcarry.migrate.apply.MigrationScript;
import io.pgcarry.migrate.apply.TransactionMode;
import java.util.regex.Pattern;

/**
 * Who runs a migration file in one transaction. {@code migrate apply} does unless a statement cannot run in one. The
 * tools themselves: dbmate and goose wrap each file unless it is marked ({@code transaction:false},
 * {@code +goose NO TRANSACTION}), Graphile Migrate likewise ({@code --! no-transaction}), Drizzle runs every pending
 * migration in one, and golang-migrate sends a file as one multi-statement query, which PostgreSQL runs as one implicit
 * transaction. A {@code CONCURRENTLY} in such a file fails when the tool runs it.
 */
final class ToolTransactions {
    private static final Pattern DBMATE_OFF = Pattern.compile("(?m)^--\\s*migrate:up\\b.*\\btransaction:false\\b");
    private static final Pattern GOOSE_OFF = Pattern.compile("(?mi)^--\\s*\\+goose\\s+no\\s+transaction\\b");
    private static final Pattern GRAPHILE_OFF = Pattern.compile("(?m)^--!\\s*no-transaction\\b");

    private ToolTransactions() {
    }

    /** How to take a statement out of {@code runner}'s transaction. */
    static String wayOut(String runner) {
        String own = "put it in a migration file of its own";
        return switch (runner == null ? "" : runner) {
            case "dbmate" -> own + ", marked '-- migrate:up transaction:false'";
            case "goose" -> own + ", marked '-- +goose NO TRANSACTION'";
            case "graphile-migrate" -> own + ", starting with '--! no-transaction'";
            case "drizzle" -> "run it outside drizzle's migrations (drizzle runs them all in one transaction)";
            default -> own + ", without BEGIN/COMMIT, which runs statement by statement";
        };
    }

    /** The source for {@code file} of {@code tool}, whose whole text is {@code text} and whose SQL to run is {@code sql}. */
    static LintSource source(MigrationTool tool, String file, String text, String sql) {
        MigrationScript script = MigrationScript.split(file, sql);
        String runner = switch (tool) {
            case DBMATE -> DBMATE_OFF.matcher(text).find() ? null : "dbmate";
            case GOOSE -> GOOSE_OFF.matcher(text).find() ? null : "goose";
            case GRAPHILE -> GRAPHILE_OFF.matcher(text).find() ? null : "graphile-migrate";
            case DRIZZLE -> "drizzle";
            case GOLANG_MIGRATE -> script.steps().size() > 1 ? "golang-migrate, as one multi-statement query" : null;
            default -> null;
        };
        if (runner == null && script.mode() == TransactionMode.TRANSACTION) {
            runner = "migrate apply";
        }
        return new LintSource(file, sql, runner);
    }
}
