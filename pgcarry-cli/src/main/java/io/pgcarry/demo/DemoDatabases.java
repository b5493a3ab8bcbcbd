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
import java.util.concurrent.CompletionException;

/**
 * The two servers of the demo and their databases: v1 with data on 13, the empty v2 schema on 17 (twice: "v2"
 * receives the move, "v2_empty" stays empty as the target of the check on planted problems). The planted
 * problems and the edited target row come from SQL scripts beside the schemas; {@link DemoExpectations} names
 * what they plant.
 */
public final class DemoDatabases implements AutoCloseable {
    private static final String RESOURCES = "/io/pgcarry/demo/";
    private static final String EMPTY_TARGET = "v2_empty";
    private static final String PLANTED_SOURCE = "v1_planted";

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
            throw unwrapped(e);
        }
        try {
            CompletableFuture<Void> source = CompletableFuture.runAsync(() -> demo.build(demo.v1Server, "v1", "v1-schema.sql", "v1-data.sql"));
            CompletableFuture<Void> target = CompletableFuture.runAsync(() -> {
                demo.build(demo.v2Server, "v2", "v2-schema.sql");
                demo.build(demo.v2Server, EMPTY_TARGET, "v2-schema.sql");
            });
            source.join();
            target.join();
            return demo;
        } catch (RuntimeException e) {
            demo.close();
            throw unwrapped(e);
        }
    }

    /** The failure itself rather than the CompletionException around it, so its one-line message is the user's. */
    private static RuntimeException unwrapped(RuntimeException e) {
        return e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
    }

    public String v1Url() {
        return v1Server.url("v1");
    }

    public String v2Url() {
        return v2Server.url("v2");
    }

    /** The second, still empty v2 database: a target on which check reports only what the source holds. */
    public String emptyV2Url() {
        return v2Server.url(EMPTY_TARGET);
    }

    /**
     * Copies v1 into {@code v1_planted} and plants there the problems of {@link DemoExpectations#CHECK}; v1 itself
     * stays as it was, so it still matches what the move copied. Returns the copy's URL.
     */
    public String plantProblems() {
        v1Server.copyDatabase("v1", PLANTED_SOURCE);
        run(v1Server, PLANTED_SOURCE, "planted-enum-value.sql", "planted-rows.sql");
        return v1Server.url(PLANTED_SOURCE);
    }

    /** Edits in v2 the row of {@link DemoExpectations#VALIDATE}, as a write after the move would. */
    public void changeTargetRow() {
        run(v2Server, "v2", "changed-target-row.sql");
    }

    /** The demo's mapping file, as YAML text. */
    public static String mapping() {
        return resource("demo-map.yaml");
    }

    private void build(EmbeddedPostgres server, String database, String... scripts) {
        server.createDatabase(database);
        run(server, database, scripts);
    }

    /** Runs each script as its own statement batch (an enum value added in one can be used in the next). */
    private static void run(EmbeddedPostgres server, String database, String... scripts) {
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            for (String script : scripts) {
                s.execute(resource(script));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("demo database " + database + " could not be prepared: " + e.getMessage(), e);
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
