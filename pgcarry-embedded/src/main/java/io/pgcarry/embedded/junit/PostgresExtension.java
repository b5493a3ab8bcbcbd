package io.pgcarry.embedded.junit;

import io.pgcarry.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded server per test class and a fresh database per test. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PostgresExtension pg17 = PostgresExtension.major(17);
 *
 * @Test void works() { String url = pg17.url(); ... }
 * }</pre>
 *
 * The server stops and its directory is removed after the class, whether its tests passed or failed.
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final int major;
    private EmbeddedPostgres server;
    private String database;
    private final List<String> databasesOfTest = new ArrayList<>();

    private PostgresExtension(int major) {
        this.major = major;
    }

    public static PostgresExtension major(int major) {
        return new PostgresExtension(major);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = EmbeddedPostgres.start(major);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        database = newDatabase();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (String name : databasesOfTest) {
            server.dropDatabase(name);
        }
        databasesOfTest.clear();
    }

    /** Creates one more empty database for the current test; it is dropped after the test. */
    public String newDatabase() {
        String name = "t" + major + "_" + COUNTER.incrementAndGet();
        server.createDatabase(name);
        databasesOfTest.add(name);
        return name;
    }

    public EmbeddedPostgres server() {
        return server;
    }

    /** The current test's database. */
    public String database() {
        return database;
    }

    /** A superuser libpq URL of the current test's database. */
    public String url() {
        return server.url(database);
    }

    /** A superuser connection to the current test's database. */
    public Connection connect() throws SQLException {
        return server.connect(database);
    }
}
