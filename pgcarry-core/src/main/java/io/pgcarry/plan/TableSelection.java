package io.pgcarry.plan;

import io.pgcarry.catalog.QualifiedName;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which source tables take part: everything, minus the migration-history tables of common tools (the target
 * keeps its own history), minus {@code --exclude} and the mapping's excludes, limited to {@code --include}
 * when given. Patterns use {@code *} and {@code ?} and match {@code table} or {@code schema.table}.
 */
public record TableSelection(List<String> includes, List<String> excludes, boolean withHistoryTables) {
    /** Migration-history tables of Prisma, Flyway, Drizzle, Liquibase and Rails-style tools. */
    public static final List<String> DEFAULT_EXCLUDES = List.of("_prisma_migrations", "_prisma_migrations_lock",
            "flyway_schema_history", "__drizzle_migrations", "drizzle.__drizzle_migrations", "databasechangelog",
            "databasechangeloglock", "schema_migrations");

    public TableSelection(List<String> includes, List<String> excludes) {
        this(includes, excludes, false);
    }

    public TableSelection {
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
    }

    public static TableSelection all() {
        return new TableSelection(List.of(), List.of());
    }

    /** Every table, migration-history tables included: for a clone, which copies a database whole. */
    public static TableSelection everything() {
        return new TableSelection(List.of(), List.of(), true);
    }

    /** Every table, history tables included, but those matching {@code excludes}: which tables' rows a backup keeps. */
    public static TableSelection everythingBut(List<String> excludes) {
        return new TableSelection(List.of(), excludes, true);
    }

    public boolean isDefaultExcluded(QualifiedName table) {
        return !withHistoryTables && matchesAny(DEFAULT_EXCLUDES, table);
    }

    /** Whether the table is explicitly excluded by the user or the mapping. */
    public boolean isExcluded(QualifiedName table, Mapping mapping) {
        return matchesAny(excludes, table) || matchesAny(mapping.excludes(), table);
    }

    public boolean isIncluded(QualifiedName table) {
        return includes.isEmpty() || matchesAny(includes, table);
    }

    public boolean selects(QualifiedName table, Mapping mapping) {
        return isIncluded(table) && !isDefaultExcluded(table) && !isExcluded(table, mapping);
    }

    static boolean matchesAny(List<String> patterns, QualifiedName table) {
        for (String pattern : patterns) {
            Pattern regex = glob(pattern);
            if (regex.matcher(table.name()).matches() || regex.matcher(table.schema() + "." + table.name()).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern glob(String pattern) {
        StringBuilder sb = new StringBuilder();
        for (char c : pattern.replace("\"", "").toCharArray()) {
            sb.append(switch (c) {
                case '*' -> ".*";
                case '?' -> ".";
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        boolean caseSensitive = !pattern.toLowerCase(Locale.ROOT).equals(pattern);
        return caseSensitive ? Pattern.compile(sb.toString()) : Pattern.compile(sb.toString(), Pattern.CASE_INSENSITIVE);
    }
}
