package io.pgcarry.migrate;

import java.util.List;
import java.util.Objects;

/**
 * A table a tool keeps its ledger in, as pgcarry recognises it.
 *
 * @param schema  its schema when the tool fixes one ({@code drizzle}), or null when it is the connection's default
 *                schema (then any schema is looked in, {@code public} first)
 * @param name    its name
 * @param columns columns it must have to be this tool's
 * @param without columns it must not have (dbmate's {@code schema_migrations} lacks golang-migrate's {@code dirty})
 */
public record LedgerTable(String schema, String name, List<String> columns, List<String> without) {
    public LedgerTable {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        without = List.copyOf(without);
    }

    /** A table of that name in the connection's default schema, with these columns. */
    public static LedgerTable anySchema(String name, String... columns) {
        return new LedgerTable(null, name, List.of(columns), List.of());
    }

    /** The same table, recognised only when it lacks {@code columns}. */
    public LedgerTable without(String... columns) {
        return new LedgerTable(schema, name, this.columns, List.of(columns));
    }

    @Override
    public String toString() {
        return (schema == null ? "" : schema + ".") + name;
    }
}
