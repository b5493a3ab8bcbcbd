package io.pgcarry.rehearse;

import io.pgcarry.connect.ConnectionResolver;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.EndpointSource;
import io.pgcarry.embedded.junit.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A 100,000-row database owned by a role without superuser rights, built once per server and copied per test with
 * CREATE DATABASE ... TEMPLATE; helpers to write migration files and to read a database's content and schema.
 */
final class RehearsalFixture {
    static final String ROLE = "rehearser";
    static final String BASE = "rehearse_base";
    private static final String SCHEMA = """
            CREATE TABLE customer (id int PRIMARY KEY, name text NOT NULL);
            INSERT INTO customer SELECT g, 'customer ' || g FROM generate_series(1, 1000) g;
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int NOT NULL, amount numeric NOT NULL, note text,
                                 status text, created_at timestamptz NOT NULL DEFAULT now());
            INSERT INTO orders SELECT g, 1 + g % 1000, g % 997, CASE WHEN g % 10 = 0 THEN NULL ELSE 'note ' || g END, 'new',
                                      timestamptz '2026-01-01' + g * interval '1 minute'
              FROM generate_series(1, 100000) g;
            CREATE INDEX orders_created_idx ON orders (created_at);
            CREATE TABLE audit (id int PRIMARY KEY, what text);
            INSERT INTO audit SELECT g, 'audit ' || g FROM generate_series(1, 5000) g;
            VACUUM ANALYZE;
            """;

    private RehearsalFixture() {
    }

    /** The role and the base database, once per server. */
    static void build(PostgresExtension pg) throws SQLException {
        pg.server().execute("CREATE ROLE " + ROLE + " LOGIN CREATEDB");
        pg.server().execute("CREATE DATABASE " + BASE + " OWNER " + ROLE);
        try (Connection c = connect(pg, BASE); Statement s = c.createStatement()) {
            for (String sql : SCHEMA.split(";\n")) {
                if (!sql.isBlank()) {
                    s.execute(sql);
                }
            }
        }
    }

    /** A copy of the base database for one test, owned by the role; dropped after the test. */
    static String copy(PostgresExtension pg) {
        String name = pg.newDatabase();
        pg.server().dropDatabase(name);
        pg.server().execute("CREATE DATABASE " + name + " TEMPLATE " + BASE + (pg.server().version().major() >= 15 ? " STRATEGY FILE_COPY" : ""));
        pg.server().execute("ALTER DATABASE " + name + " OWNER TO " + ROLE);
        return name;
    }

    static String url(PostgresExtension pg, String database) {
        return "postgresql://" + ROLE + "@127.0.0.1:" + pg.server().port() + "/" + database;
    }

    static ConnectionSpec spec(PostgresExtension pg, String database) {
        return new ConnectionResolver(Map.of(), Path.of("/nonexistent")).resolve(new EndpointSource.Url(url(pg, database)));
    }

    static Connection connect(PostgresExtension pg, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.server().port() + "/" + database + "?user=" + ROLE);
    }

    static void execute(PostgresExtension pg, String database, String sql) throws SQLException {
        try (Connection c = connect(pg, database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Writes one migration file per statement group, named in order. */
    static List<Path> files(Path dir, String... sql) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < sql.length; i++) {
            Path file = dir.resolve(String.format("%02d.sql", i + 1));
            Files.writeString(file, sql[i] + "\n");
            files.add(file);
        }
        return files;
    }

    /** Every table's rows, hashed, and the columns of every table: what must not change in --on. */
    static String fingerprint(PostgresExtension pg, String database) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Connection c = connect(pg, database); Statement s = c.createStatement()) {
            for (String table : List.of("customer", "orders", "audit")) {
                try (ResultSet rs = s.executeQuery("SELECT count(*), md5(string_agg(t::text, ',' ORDER BY id)) FROM " + table + " t")) {
                    rs.next();
                    sb.append(table).append(rs.getLong(1)).append(rs.getString(2)).append('\n');
                }
            }
            try (ResultSet rs = s.executeQuery("""
                    SELECT string_agg(c.relname || ':' || c.relkind::text || ':' || c.relfilenode || ':' || coalesce(
                             (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || a.attnotnull, ',' ORDER BY a.attnum)
                                FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), ''),
                           ';' ORDER BY c.relname)
                      FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace""")) {
                rs.next();
                sb.append(rs.getString(1));
            }
        }
        return sb.toString();
    }

    /** One table's rows and columns, hashed. */
    static String content(PostgresExtension pg, String database) throws SQLException {
        try (Connection c = connect(pg, database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) || md5(string_agg(t::text, ',' ORDER BY id)) FROM orders t")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The scratch databases left on the server. */
    static List<String> scratchDatabases(PostgresExtension pg) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = pg.server().connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'pgcarry\\_rehearse\\_%'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
