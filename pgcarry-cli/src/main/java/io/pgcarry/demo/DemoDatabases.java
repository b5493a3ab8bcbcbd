package io.pgcarry.demo;

import io.pgcarry.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;

/** The two servers of the demo and their databases: v1 with data on 13, the empty v2 schema on 17. */
public final class DemoDatabases implements AutoCloseable {
    private static final String RESOURCES = "/io/pgcarry/demo/";

    private final EmbeddedPostgres v1Server;
    private final EmbeddedPostgres v2Server;

    private DemoDatabases(EmbeddedPostgres v1Server, EmbeddedPostgres v2Server) {
        this.v1Server = v1Server;
        this.v2Server = v2Server;
    }

    /** Starts both servers in parallel and builds the databases. */
    public static DemoDatabases start() {
        CompletableFuture<EmbeddedPostgres> v1 = CompletableFuture.supplyAsync(() -> EmbeddedPostgres.start(13));
        CompletableFuture<EmbeddedPostgres> v2 = CompletableFuture.supplyAsync(() -> EmbeddedPostgres.start(17));
        DemoDatabases demo;
        try {
            demo = new DemoDatabases(v1.join(), v2.join());
        } catch (RuntimeException e) {
            v1.thenAccept(EmbeddedPostgres::close);
            v2.thenAccept(EmbeddedPostgres::close);
            throw e;
        }
        try {
            CompletableFuture<Void> source = CompletableFuture.runAsync(() -> demo.build(demo.v1Server, "v1", "v1-schema.sql", "v1-data.sql"));
            CompletableFuture<Void> target = CompletableFuture.runAsync(() -> demo.build(demo.v2Server, "v2", "v2-schema.sql"));
            source.join();
            target.join();
            return demo;
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
    }

    public String v1Url() {
        return v1Server.url("v1");
    }

    public String v2Url() {
        return v2Server.url("v2");
    }

    /** The demo's mapping file, as YAML text. */
    public static String mapping() {
        return resource("demo-map.yaml");
    }

    private void build(EmbeddedPostgres server, String database, String... scripts) {
        server.createDatabase(database);
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            for (String script : scripts) {
                s.execute(resource(script));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("demo database " + database + " could not be built: " + e.getMessage(), e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = DemoDatabases.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing demo resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        v1Server.close();
        v2Server.close();
    }
}
