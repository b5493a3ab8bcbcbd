package io.pgcarry.plan;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.Setting;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which source tables take part: everything, minus the migration-history tables of common tools (the target
 * keeps its own history), minus {@code --exclude} and the mapping's excludes, limited to {@code --include}
 * when given. Patterns are read as pg_dump reads them ({@link TablePattern}); a pattern of the user's that matches no
 * table is an error ({@link #requireEveryPatternMatches}), since it is most likely a typo that would silently copy,
 * back up or validate something else than meant.
 */
public record TableSelection(List<String> includes, List<String> excludes, boolean withHistoryTables) {
    /**
     * Migration-history tables of every tool {@code pgcarry migrate} reads (the ledgers of
     * {@link io.pgcarry.migrate.tools.ToolSupports}) and the tables kept beside them: Prisma's, Drizzle's, Flyway's,
     * Liquibase's and its lock, Atlas's revisions, Sqitch's whole registry, {@code schema_migrations} of dbmate,
     * golang-migrate and Rails with Rails' {@code ar_internal_metadata} (which names the environment), goose's,
     * Graphile Migrate's ledger and its {@code current} migration, and pgcarry's own.
     */
    public static final List<String> DEFAULT_EXCLUDES = List.of("_prisma_migrations", "_prisma_migrations_lock",
            "flyway_schema_history", "__drizzle_migrations", "drizzle.__drizzle_migrations", "databasechangelog",
            "databasechangeloglock", "atlas_schema_revisions", "sqitch.changes", "sqitch.dependencies", "sqitch.events",
            "sqitch.projects", "sqitch.releases", "sqitch.tags", "schema_migrations", "ar_internal_metadata",
            "goose_db_version", "graphile_migrate.migrations", "graphile_migrate.current", "pgcarry_migrate.migrations");

    public TableSelection(List<String> includes, List<String> excludes) {
        this(includes, excludes, false);
    }

    public TableSelection {
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
        includes.forEach(TablePattern::parse);
        excludes.forEach(TablePattern::parse);
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

    /**
     * Whether large objects take part: when the whole database does, that is without {@code --include} (as pg_dump
     * leaves them out of a dump limited by {@code -t}); {@code --exclude} leaves tables out, not large objects.
     */
    public boolean withLargeObjects() {
        return includes.isEmpty();
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

    /**
     * Fails, naming them, when patterns of {@code --include}, {@code --exclude} (or, for a selection made by
     * {@link #everythingBut}, {@code --exclude-table-data}) or of the mapping's {@code exclude:} match none of
     * {@code tables}, as pg_dump fails on a {@code -t} that matches nothing.
     */
    public void requireEveryPatternMatches(Collection<QualifiedName> tables, Mapping mapping) {
        requireEveryPatternMatches(tables, mapping, "the source");
    }

    /** The same, for tables of {@code side} ({@code the target}): the database the message names. */
    public void requireEveryPatternMatches(Collection<QualifiedName> tables, Mapping mapping, String side) {
        List<String> unmatched = new ArrayList<>();
        unmatchedOf(includes, Setting.INCLUDE.mention(), tables, unmatched);
        // A selection that keeps history tables is a clone's or a backup's, whose excludes leave out rows only.
        unmatchedOf(excludes, withHistoryTables ? Setting.EXCLUDE_TABLE_DATA.mention() : Setting.EXCLUDE.mention(), tables, unmatched);
        unmatchedOf(mapping.excludes(), "the mapping file's exclude:", tables, unmatched);
        if (!unmatched.isEmpty()) {
            throw new ConfigurationException(String.join("; ", unmatched) + " on " + side + "; check the spelling "
                    + "(names with capitals, spaces or dots go in double quotes: '\"Animal\"', 'public.\"my.table\"') or drop "
                    + (unmatched.size() == 1 ? "it" : "them"));
        }
    }

    private static void unmatchedOf(List<String> patterns, String option, Collection<QualifiedName> tables, List<String> out) {
        for (String text : patterns) {
            TablePattern pattern = TablePattern.parse(text);
            if (tables.stream().noneMatch(pattern::matches)) {
                out.add(option + " pattern '" + text + "' matches no table");
            }
        }
    }

    static boolean matchesAny(List<String> patterns, QualifiedName table) {
        for (String pattern : patterns) {
            if (TablePattern.parse(pattern).matches(table)) {
                return true;
            }
        }
        return false;
    }
}
