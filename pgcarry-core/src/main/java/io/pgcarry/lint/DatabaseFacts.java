package io.pgcarry.lint;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.error.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link TargetFacts} read from a live database through an open connection, each answer once. Everything it reads
 * ({@code pg_class}, {@code pg_attribute}, {@code pg_constraint}, {@code pg_proc}, the size functions) is readable by any
 * role, so a non-superuser gets the same answers. pgcarry's own session runs with a safe {@code search_path}, so an
 * unqualified name is resolved here through the role's default one ({@code pg_settings.reset_val}), as the migration's
 * own session will resolve it.
 */
public final class DatabaseFacts implements TargetFacts {
    private static final String SIZE = """
            SELECT pg_catalog.pg_total_relation_size(c.oid), c.reltuples::bigint
              FROM pg_catalog.pg_class c WHERE c.oid = pg_catalog.to_regclass(?)""";
    private static final String COLUMN = """
            SELECT pg_catalog.format_type(a.atttypid, a.atttypmod),
                   a.attnotnull OR EXISTS (SELECT FROM pg_catalog.pg_constraint k
                                            WHERE k.conrelid = a.attrelid AND k.contype = 'c' AND k.convalidated
                                              AND pg_catalog.pg_get_constraintdef(k.oid)
                                                  = 'CHECK ((' || pg_catalog.quote_ident(a.attname) || ' IS NOT NULL))')
              FROM pg_catalog.pg_attribute a
             WHERE a.attrelid = pg_catalog.to_regclass(?) AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped""";
    private static final String VOLATILITY = "SELECT p.provolatile FROM pg_catalog.pg_proc p WHERE p.proname = ?";
    private static final String INDEX_TABLE = """
            SELECT n.nspname, c.relname FROM pg_catalog.pg_index i
              JOIN pg_catalog.pg_class c ON c.oid = i.indrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             WHERE i.indexrelid = pg_catalog.to_regclass(?)""";

    private static final String SEARCH_PATH = """
            SELECT s.reset_val, current_user FROM pg_catalog.pg_settings s WHERE s.name = 'search_path'""";
    private static final String SCHEMA_OF = """
            SELECT n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relname = ? AND n.nspname = ANY (?::text[])
             ORDER BY pg_catalog.array_position(?::text[], n.nspname::text) LIMIT 1""";

    private final Connection connection;
    private List<String> searchPath;
    private final Map<String, Optional<?>> answers = new HashMap<>();

    /** Reads through {@code connection}, which stays the caller's to close. */
    public DatabaseFacts(Connection connection) {
        this.connection = connection;
    }

    /** The server's major version ({@code server_version_num / 10000}). */
    public static int majorVersion(Connection connection) {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_catalog.current_setting('server_version_num')::int / 10000");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw SqlErrors.translate("reading the server's version", e);
        }
    }

    @Override
    public boolean known() {
        return true;
    }

    @Override
    public Optional<RelationSize> size(TableRef relation) {
        return cached("size " + relation.sql(), () -> row(SIZE, List.of(qualified(relation).sql()),
                rs -> new RelationSize(rs.getLong(1), rs.getLong(2))));
    }

    @Override
    public Optional<String> columnType(TableRef table, String column) {
        return column(table, column).map(c -> c.type());
    }

    @Override
    public boolean provenNotNull(TableRef table, String column) {
        return column(table, column).map(c -> c.notNull()).orElse(false);
    }

    private record ColumnFacts(String type, boolean notNull) {
    }

    private Optional<ColumnFacts> column(TableRef table, String column) {
        return cached("column " + table.sql() + " " + Identifiers.quote(column), () -> row(COLUMN, List.of(qualified(table).sql(), column),
                rs -> new ColumnFacts(rs.getString(1), rs.getBoolean(2))));
    }

    @Override
    public Optional<Volatility> volatility(String name) {
        return cached("volatility " + name, () -> {
            List<String> kinds = rows(VOLATILITY, List.of(name), rs -> rs.getString(1));
            return kinds.isEmpty() ? Optional.empty() : Optional.of(kinds.contains("v") ? Volatility.VOLATILE
                    : kinds.contains("s") ? Volatility.STABLE : Volatility.IMMUTABLE);
        });
    }

    @Override
    public Optional<TableRef> indexTable(TableRef index) {
        return cached("index " + index.sql(), () -> row(INDEX_TABLE, List.of(qualified(index).sql()), rs -> new TableRef(rs.getString(1), rs.getString(2))));
    }

    /** The name with the schema the role's default search path finds it in; as it is when qualified or not found. */
    private TableRef qualified(TableRef ref) throws SQLException {
        if (ref.schema() != null) {
            return ref;
        }
        try (PreparedStatement s = connection.prepareStatement(SCHEMA_OF)) {
            java.sql.Array path = connection.createArrayOf("text", searchPath().toArray());
            s.setString(1, ref.name());
            s.setArray(2, path);
            s.setArray(3, path);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new TableRef(rs.getString(1), ref.name()) : new TableRef("pg_temp", ref.name());
            }
        }
    }

    /** The schemas of the role's default search path, {@code $user} replaced by the role's name. */
    private List<String> searchPath() throws SQLException {
        if (searchPath == null) {
            List<String[]> row = rows(SEARCH_PATH, List.of(), rs -> new String[] {rs.getString(1), rs.getString(2)});
            String user = row.get(0)[1];
            searchPath = Identifiers.splitOutsideQuotes(row.get(0)[0], ',').stream().map(String::strip).filter(p -> !p.isEmpty())
                    .map(p -> Identifiers.splitQualified(p).get(0)).map(p -> p.equals("$user") ? user : p).toList();
        }
        return searchPath;
    }

    private interface Read<T> {
        T from(ResultSet rs) throws SQLException;
    }

    private interface Answer<T> {
        Optional<T> get() throws SQLException;
    }

    @SuppressWarnings("unchecked")
    private <T> Optional<T> cached(String key, Answer<T> answer) {
        if (!answers.containsKey(key)) {
            try {
                answers.put(key, answer.get());
            } catch (SQLException e) {
                throw SqlErrors.translate("reading what the migration touches", e);
            }
        }
        return (Optional<T>) answers.get(key);
    }

    private <T> Optional<T> row(String sql, List<String> parameters, Read<T> read) throws SQLException {
        return rows(sql, parameters, read).stream().findFirst();
    }

    private <T> List<T> rows(String sql, List<String> parameters, Read<T> read) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                s.setString(i + 1, parameters.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                List<T> out = new java.util.ArrayList<>();
                while (rs.next()) {
                    out.add(read.from(rs));
                }
                return out;
            }
        }
    }
}
