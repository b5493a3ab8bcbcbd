package io.pgcarry.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, demos and throw-away use. Start one with
 * {@code EmbeddedPostgres.start(17)}; {@link #close()} stops it and removes its directory, as do JVM
 * shutdown and the server's watchdog if the JVM is killed.
 *
 * <p>Authentication: connections from loopback and over the Unix-domain socket in {@link #socketDirectory()} are
 * trusted, except for members of {@link #PASSWORD_ROLE}, who must give a password (scram-sha-256), and members of
 * {@link #TLS_ROLE}, who are refused without TLS (so always on the socket). On the socket, members of
 * {@link #PEER_ROLE} are let in by peer authentication: only when the role is named after the client's OS user.
 * Tests use these roles to reproduce a managed or a local server's behaviour.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    /** The bootstrap superuser. */
    public static final String SUPERUSER = "postgres";
    /** Members of this role must authenticate with a password. */
    public static final String PASSWORD_ROLE = "pgcarry_password_auth";
    /** Members of this role are refused on connections without TLS (the server has no TLS). */
    public static final String TLS_ROLE = "pgcarry_tls_required";
    /** Members of this role are checked by peer authentication on the Unix-domain socket. */
    public static final String PEER_ROLE = "pgcarry_peer_auth";

    private static final Map<String, String> DEFAULT_SETTINGS = defaultSettings();

    private final PostgresVersion version;
    private final int port;
    private final ServerLayout layout;
    private final ServerProcess process;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private EmbeddedPostgres(PostgresVersion version, int port, ServerLayout layout, ServerProcess process) {
        this.version = version;
        this.port = port;
        this.layout = layout;
        this.process = process;
        this.shutdownHook = new Thread(this::close, "pgcarry-embedded-stop-" + port);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a server of the given major version on a free port. */
    public static EmbeddedPostgres start(int major) {
        return start(major, 0);
    }

    /** Starts a server of the given major version on {@code port}, or on a free port when it is 0. */
    public static EmbeddedPostgres start(int major, int port) {
        PostgresVersion version = PostgresVersion.ofMajor(major);
        Platform platform = Platform.current();
        return start(version, platform, new BinaryLocator(platform).locate(version), port);
    }

    /**
     * Starts a server of the given major version on a free port; when its binaries are on this machine neither beside
     * the build nor in the local Maven repository, asks Maven for them first ({@code mvn dependency:get}). Without
     * them (offline, no Maven) the error says so in one line, naming the version.
     */
    public static EmbeddedPostgres startFetchingBinaries(int major) {
        PostgresVersion version = PostgresVersion.ofMajor(major);
        Platform platform = Platform.current();
        BinaryLocator locator = new BinaryLocator(platform);
        if (locator.find(version).isEmpty()) {
            new BinaryFetcher(platform).fetch(version);
        }
        return start(version, platform, locator.locate(version), 0);
    }

    /**
     * Starts a server from PostgreSQL installed on this machine ({@code install/bin} holds initdb and postgres, as
     * {@code /usr/lib/postgresql/15} does on Debian) on a free port, with {@code settings} over the defaults (a
     * {@code shared_preload_libraries} a test needs, say). initdb runs into the server's own directory: nothing is
     * written beside a system installation.
     */
    public static EmbeddedPostgres startInstalled(Path install, PostgresVersion version, Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>(DEFAULT_SETTINGS);
        all.putAll(settings);
        return start(version, install, 0, all, false);
    }

    private static EmbeddedPostgres start(PostgresVersion version, Platform platform, Path jar, int port) {
        Path install = BinaryCache.standard().install(jar, platform.name() + "-" + version.binaries());
        return start(version, install, port, DEFAULT_SETTINGS, true);
    }

    private static EmbeddedPostgres start(PostgresVersion version, Path install, int port, Map<String, String> settings,
                                          boolean template) {
        ServerUser user = ServerUser.current();
        int attempts = port == 0 ? 3 : 1;
        for (int attempt = 1; ; attempt++) {
            ServerLayout layout = ServerLayout.create();
            try (StartGuard guard = new StartGuard(layout)) {
                if (template) {
                    new ClusterTemplate(user, install).createCluster(layout, guard::initdb);
                } else {
                    new InitDb(user, install).run(layout.base(), layout.data(), guard::initdb);
                }
                int chosen = port == 0 ? freePort() : port;
                ServerProcess process = ServerProcess.launch(user, install, layout, chosen, settings);
                guard.server(process);
                try {
                    process.awaitReady(chosen);
                } catch (EmbeddedPostgresException e) {
                    boolean retry = process.portWasTaken() && attempt < attempts;
                    process.stop();
                    deleteTree(layout.base());
                    if (retry) {
                        continue;
                    }
                    throw e;
                }
                EmbeddedPostgres server = new EmbeddedPostgres(version, chosen, layout, process);
                try {
                    server.createAuthRoles();
                } catch (RuntimeException e) {
                    server.close();
                    throw e;
                }
                return server;
            } catch (RuntimeException e) {
                deleteTree(layout.base());
                throw e;
            }
        }
    }

    public PostgresVersion version() {
        return version;
    }

    public int port() {
        return port;
    }

    /** The directory holding this server's data, socket and log; gone after {@link #close()}. */
    public Path directory() {
        return layout.base();
    }

    /**
     * The directory of the server's Unix-domain socket ({@code .s.PGSQL.<port>}), inside {@link #directory()}. When the
     * server runs as {@code nobody} under a root JVM, only root and that user can reach it.
     */
    public Path socketDirectory() {
        return layout.socket();
    }

    /** A libpq URL for the superuser (no password: loopback connections are trusted). */
    public String url(String database) {
        return "postgresql://" + SUPERUSER + "@127.0.0.1:" + port + "/" + database;
    }

    /** A libpq URL for a role with a password. */
    public String url(String user, String password, String database) {
        return "postgresql://" + user + ":" + password + "@127.0.0.1:" + port + "/" + database;
    }

    /** A superuser JDBC connection to a database of this server. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database
                + "?user=" + SUPERUSER + "&sslmode=disable");
    }

    /**
     * Creates an empty database (from template0, UTF8) and returns its name. From 15 on, PostgreSQL writes every page
     * of the template to the WAL unless told to copy its files, as older servers always do: copying takes 40% less
     * time for a database this small, and tests create one per test.
     */
    public String createDatabase(String name) {
        execute("CREATE DATABASE " + quote(name) + " TEMPLATE template0 ENCODING 'UTF8'"
                + (version.major() >= 15 ? " STRATEGY FILE_COPY" : ""));
        return name;
    }

    /**
     * Creates {@code copy} as a file-level copy of {@code source} (its template) and returns its name. The
     * source must have no sessions; PostgreSQL waits a few seconds for closing ones to end.
     */
    public String copyDatabase(String source, String copy) {
        execute("CREATE DATABASE " + quote(copy) + " TEMPLATE " + quote(source));
        return copy;
    }

    /** Drops a database, closing its sessions first. */
    public void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + quote(name) + (version.major() >= 13 ? " WITH (FORCE)" : ""));
    }

    /** Runs one statement as the superuser in the {@code postgres} database. */
    public void execute(String sql) {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new EmbeddedPostgresException("embedded PostgreSQL " + version.major() + ": " + e.getMessage(), e);
        }
    }

    /** Process ids of the server tree, for leak checks. */
    public List<Long> processIds() {
        return process.processIds();
    }

    public boolean isRunning() {
        return !closed && process.isAlive();
    }

    /** Stops the server (fast shutdown) and deletes its directory. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        process.stop();
        deleteTree(layout.base());
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already shutting down; the hook is this very call or will find us closed.
            }
        }
    }

    private void createAuthRoles() {
        execute("CREATE ROLE " + PASSWORD_ROLE + " NOLOGIN");
        execute("CREATE ROLE " + TLS_ROLE + " NOLOGIN");
        execute("CREATE ROLE " + PEER_ROLE + " NOLOGIN");
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static Map<String, String> defaultSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        // A server for tests and demos: durability traded for speed, never for production data.
        settings.put("fsync", "off");
        settings.put("synchronous_commit", "off");
        settings.put("full_page_writes", "off");
        settings.put("max_connections", "100");
        settings.put("max_wal_size", "2GB");
        settings.put("shared_buffers", "128MB");
        return settings;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EmbeddedPostgresException("no free TCP port on this machine: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes a directory tree, best effort and without throwing: a walk that meets a file removed under it (the
     * watchdog cleaning the same tree) is retried, so a shutdown hook never prints a stack trace.
     */
    static void deleteTree(Path root) {
        for (int attempt = 0; attempt < 3 && Files.exists(root); attempt++) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException | UncheckedIOException e) {
                // Someone else is deleting or writing in the tree; look again.
            }
        }
    }
}
