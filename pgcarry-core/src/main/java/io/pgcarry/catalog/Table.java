package io.pgcarry.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A table that holds data: an ordinary table, or the root of a partitioned table (whose partitions are not
 * listed separately: data goes through the root, so source and target may partition differently), or an extension's
 * configuration table (its user rows).
 *
 * @param name           schema and name
 * @param partitioned    whether it is a partitioned root
 * @param owner          the owning role
 * @param columns        columns in attribute order (dropped columns left out)
 * @param primaryKey     primary key columns in key order, empty when none
 * @param estimatedRows  the planner's estimate ({@code reltuples}), 0 when never analysed
 * @param sizeBytes      the size of the table (with its partitions) on disk
 * @param extensionFilter for an extension's configuration table, the filter that picks the user's rows out of it
 *                       ({@code WHERE ...}, or {@code ''} for every row; see {@link ExtensionConfig}); null otherwise
 */
public record Table(QualifiedName name, boolean partitioned, String owner, List<Column> columns, List<String> primaryKey,
                    long estimatedRows, long sizeBytes, String extensionFilter) {
    public Table {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /** A table of the user's own (no extension's configuration table). */
    public Table(QualifiedName name, boolean partitioned, String owner, List<Column> columns, List<String> primaryKey,
                 long estimatedRows, long sizeBytes) {
        this(name, partitioned, owner, columns, primaryKey, estimatedRows, sizeBytes, null);
    }

    /**
     * Whether an extension made this table and marked it as configuration: it exists on a target once the extension
     * is created there, holding the extension's own rows, and only the rows its filter picks are carried.
     */
    public boolean extensionConfig() {
        return extensionFilter != null;
    }

    /**
     * This table's own rows as a FROM item: {@code ONLY} for a plain table, whose inheritance children are tables of
     * their own (read without it, a parent would repeat its children's rows); the whole tree for a partitioned table,
     * whose rows all live in its partitions.
     */
    public String rowsSql() {
        return rowsSql(name, partitioned, extensionFilter);
    }

    /** {@link #rowsSql()} for a table known only by name and kind (an archive's manifest). */
    public static String rowsSql(QualifiedName name, boolean partitioned) {
        return (partitioned ? "" : "ONLY ") + name.sql();
    }

    /**
     * The same for a table that may be an extension's configuration table: only the rows its filter picks (null for
     * an ordinary table), as a FROM item named like the table.
     */
    public static String rowsSql(QualifiedName name, boolean partitioned, String extensionFilter) {
        String all = rowsSql(name, partitioned);
        return extensionFilter == null ? all : ExtensionConfig.rowsSql(name, all, extensionFilter);
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    /** The primary key's column when the key is one integer column (key ranges need one). */
    public Optional<Column> integerKey() {
        if (primaryKey.size() != 1) {
            return Optional.empty();
        }
        return column(primaryKey.get(0)).filter(c -> !c.array()
                && Set.of("int2", "int4", "int8").contains(c.typeName().name()));
    }

    public boolean hasPrimaryKey() {
        return !primaryKey.isEmpty();
    }
}
