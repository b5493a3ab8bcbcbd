package io.pgcarry.migrate;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.Setting;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The tables of a database that could be a tool's ledger, read once: their schemas and columns. */
final class LedgerCatalog {
    private static final String TABLES = """
            SELECT n.nspname, c.relname, pg_catalog.array_agg(a.attname::pg_catalog.text ORDER BY a.attnum)
              FROM pg_catalog.pg_class c
              JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
              JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
             WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relname::pg_catalog.text = ANY (?)
               AND n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'
             GROUP BY n.nspname, c.relname
             ORDER BY n.nspname, c.relname""";

    private final List<Found> tables;

    private LedgerCatalog(List<Found> tables) {
        this.tables = List.copyOf(tables);
    }

    /** No ledger tables: for reading a directory without a database. */
    static LedgerCatalog empty() {
        return new LedgerCatalog(List.of());
    }

    /** The tables named as any of {@code supports}' ledgers, in any schema. */
    static LedgerCatalog read(Connection connection, Collection<ToolSupport> supports) throws SQLException {
        String[] names = supports.stream().flatMap(s -> s.ledgerTables().stream()).map(LedgerTable::name).distinct()
                .toArray(String[]::new);
        List<Found> found = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(TABLES)) {
            s.setArray(1, connection.createArrayOf("text", names));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Array columns = rs.getArray(3);
                    found.add(new Found(new QualifiedName(rs.getString(1), rs.getString(2)), Set.of((String[]) columns.getArray())));
                }
            }
        }
        return new LedgerCatalog(found);
    }

    /**
     * The ledger of {@code support} in this database, its preferred table first; empty when the tool never ran here.
     *
     * @param schema the schema to look in ({@code --ledger-schema}), or null for the tool's own or any (public first)
     */
    Optional<QualifiedName> find(ToolSupport support, String schema) {
        for (LedgerTable wanted : support.ledgerTables()) {
            List<QualifiedName> matches = tables.stream().filter(f -> f.is(wanted, schema)).map(Found::table).toList();
            if (matches.size() == 1) {
                return Optional.of(matches.get(0));
            }
            if (matches.size() > 1) {
                return Optional.of(matches.stream().filter(t -> t.schema().equals("public")).findFirst()
                        .orElseThrow(() -> new ConfigurationException(support.tool() + "'s ledger " + wanted.name()
                                + " is in several schemas (" + String.join(", ", matches.stream().map(QualifiedName::schema).toList())
                                + "); say which with " + Setting.LEDGER_SCHEMA.mention())));
            }
        }
        return Optional.empty();
    }

    private record Found(QualifiedName table, Set<String> columns) {
        boolean is(LedgerTable wanted, String schema) {
            String inSchema = schema != null ? schema : wanted.schema();
            return table.name().equals(wanted.name()) && (inSchema == null || table.schema().equals(inSchema))
                    && columns.containsAll(wanted.columns()) && wanted.without().stream().noneMatch(columns::contains);
        }
    }
}
