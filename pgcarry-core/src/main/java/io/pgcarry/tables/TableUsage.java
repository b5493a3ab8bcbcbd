package io.pgcarry.tables;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pgcarry.catalog.QualifiedName;
import java.util.List;
import java.util.Objects;

/**
 * What uses one table. A partitioned table is one entry: its partitions' rows, sizes and statistics summed, and what
 * uses any of them counted as using it.
 *
 * @param schema         the table's schema
 * @param name           the table's name
 * @param partitions     how many partitions it has (0 for a plain table)
 * @param rows           its rows, counted or estimated as {@code rowSource} says
 * @param rowSource      where {@code rows} comes from
 * @param totalBytes     its size with indexes and TOAST ({@code pg_total_relation_size})
 * @param activity       writes and scans since the statistics were reset
 * @param maintenance    last vacuum and analyze
 * @param foreignKeysIn  foreign keys that reference it (its own self-references included)
 * @param foreignKeysOut its foreign keys to other tables, which go with it
 * @param dependents     views, rules, triggers, functions and policies of other objects that use it
 * @param triggers       its own triggers, which go with it
 * @param policies       its own row-security policies ({@code name (command)}), which go with it
 * @param inSource       whether SOURCE has a table of the same schema and name; null when no SOURCE was given
 * @param verdict        the strongest use found
 * @param reasons        why, one line each
 */
public record TableUsage(String schema, String name, boolean partitioned, int partitions, long rows, RowSource rowSource,
                         long totalBytes, Activity activity, Maintenance maintenance, List<ForeignKeyLink> foreignKeysIn,
                         List<ForeignKeyLink> foreignKeysOut, List<Dependent> dependents, List<String> triggers,
                         List<String> policies, Boolean inSource, Verdict verdict, List<String> reasons) {
    public TableUsage {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rowSource, "rowSource");
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(maintenance, "maintenance");
        Objects.requireNonNull(verdict, "verdict");
        foreignKeysIn = List.copyOf(foreignKeysIn);
        foreignKeysOut = List.copyOf(foreignKeysOut);
        dependents = List.copyOf(dependents);
        triggers = List.copyOf(triggers);
        policies = List.copyOf(policies);
        reasons = List.copyOf(reasons);
    }

    /** The table as a person would type it: {@code public."bazaar-vid_metric"}. */
    @JsonProperty("table")
    public String table() {
        return qualifiedName().toString();
    }

    public QualifiedName qualifiedName() {
        return new QualifiedName(schema, name);
    }

    /** The same, marked as SOURCE has it or not. */
    public TableUsage withInSource(boolean present) {
        return new TableUsage(schema, name, partitioned, partitions, rows, rowSource, totalBytes, activity, maintenance,
                foreignKeysIn, foreignKeysOut, dependents, triggers, policies, present, verdict, reasons);
    }
}
