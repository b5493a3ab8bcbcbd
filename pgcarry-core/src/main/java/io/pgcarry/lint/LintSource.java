package io.pgcarry.lint;

import java.util.Objects;

/**
 * One file to lint.
 *
 * @param file   its name as findings show it (relative to the migration directory, or as given)
 * @param sql    its SQL (the up section of a dbmate or goose file: {@link io.pgcarry.migrate.MigrationSql})
 * @param runner who runs the whole file in one transaction, for messages ({@code migrate apply}, {@code dbmate},
 *               {@code psql -1}); null when each statement commits on its own unless the file says {@code BEGIN}
 */
public record LintSource(String file, String sql, String runner) {
    public LintSource {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sql, "sql");
    }

    /** A file run as psql runs it: each statement commits on its own unless the file says {@code BEGIN}. */
    public static LintSource plain(String file, String sql) {
        return new LintSource(file, sql, null);
    }

    /**
     * A migration file of {@code tool} as its runner runs it: {@code text} is the whole file (for markers such as dbmate's
     * {@code transaction:false}), {@code sql} what the tool runs of it ({@link io.pgcarry.migrate.MigrationSql}).
     */
    public static LintSource forTool(io.pgcarry.migrate.MigrationTool tool, String file, String text, String sql) {
        return ToolTransactions.source(tool, file, text, sql);
    }

    /** Whether the whole file runs in one transaction, so every statement is inside a transaction block. */
    public boolean wholeFile() {
        return runner != null;
    }
}
