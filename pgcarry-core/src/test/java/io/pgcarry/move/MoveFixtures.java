package io.pgcarry.move;

import io.pgcarry.check.CheckOptions;
import io.pgcarry.connect.ConnectionResolver;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.EndpointSource;
import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.verify.ValidationLevel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Shared helpers of the move tests: SQL scripts, specs, queries. */
final class MoveFixtures {
    private static final ConnectionResolver RESOLVER = new ConnectionResolver(Map.of(), Path.of("/nonexistent-home"));

    private MoveFixtures() {
    }

    static ConnectionSpec spec(String url) {
        return RESOLVER.resolve(new EndpointSource.Url(url));
    }

    static MoveRequest request(String from, String to, CheckOptions options, int jobs, long splitRows) {
        return new MoveRequest(spec(from), spec(to), options, jobs, splitRows, ValidationLevel.HASH);
    }

    static void script(PostgresExtension pg, String database, String resource) throws Exception {
        try (InputStream in = MoveFixtures.class.getResourceAsStream(resource)) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            execute(pg, database, sql);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void execute(PostgresExtension pg, String database, String sql) throws SQLException {
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static List<String> column(PostgresExtension pg, String database, String sql) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Connection c = pg.server().connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        }
        return result;
    }

    static String value(PostgresExtension pg, String database, String sql) throws SQLException {
        List<String> values = column(pg, database, sql);
        return values.isEmpty() ? null : values.get(0);
    }

    /** A stable fingerprint of a table's content, independent of row order. */
    static String contentOf(PostgresExtension pg, String database, String table) throws SQLException {
        return value(pg, database, "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "
                + table + " t");
    }

    /** Constraint and index definitions of the public schema, for before/after comparisons. */
    static List<String> definitions(PostgresExtension pg, String database) throws SQLException {
        List<String> defs = new ArrayList<>(column(pg, database, """
                SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) || ' valid=' || convalidated
                  FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1"""));
        defs.addAll(column(pg, database, "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"));
        defs.addAll(column(pg, database, """
                SELECT tgrelid::regclass || ' ' || tgname || ' ' || tgenabled::text FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1"""));
        return defs;
    }
}
