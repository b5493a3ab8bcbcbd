package io.pgcarry.lint;

import java.util.Objects;

/**
 * One file to lint.
 *
 * @param file      its name as findings show it (relative to the migration directory, or as given)
 * @param sql       its SQL (the up section of a dbmate or goose file: {@link io.pgcarry.migrate.MigrationSql})
 * @param wholeFile whether whoever runs it wraps the whole file in one transaction ({@code migrate apply} does for a file
 *                  without {@code CONCURRENTLY}; psql does not): then every statement is inside a transaction block
 */
public record LintSource(String file, String sql, boolean wholeFile) {
    public LintSource {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sql, "sql");
    }

    /** A file run as psql runs it: each statement commits on its own unless the file says {@code BEGIN}. */
    public static LintSource plain(String file, String sql) {
        return new LintSource(file, sql, false);
    }
}
