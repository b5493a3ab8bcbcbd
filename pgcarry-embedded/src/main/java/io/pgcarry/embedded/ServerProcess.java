package io.pgcarry.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One running postmaster, owned by a shell watchdog whose standard input is a pipe from this JVM. When the
 * pipe closes (a clean stop, or the JVM dying even by {@code kill -9}) the watchdog asks the server for a
 * fast shutdown, waits for it and removes the server's directory, so nothing is left behind.
 *
 * <p>A Ctrl-C in a terminal signals the whole process group: this JVM, the watchdog and the server at once. The
 * watchdog therefore ignores INT, TERM and HUP (the server sets its own handlers and still stops on them), so it
 * always lives to remove the directory after the server has exited, and {@link #stop()} waits for the server
 * itself, not only for the watchdog, so no one deletes files the server is still writing.
 */
final class ServerProcess {
    private static final String WATCHDOG = """
            trap '' INT TERM HUP
            base="$1"; shift
            "$@" &
            pid=$!
            read -r _line
            kill -INT "$pid" 2>/dev/null
            wait "$pid"
            rm -rf "$base"
            """;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration EXIT_POLL = Duration.ofMillis(10);

    private final Process watchdog;
    private final Path logFile;

    private ServerProcess(Process watchdog, Path logFile) {
        this.watchdog = watchdog;
        this.logFile = logFile;
    }

    static ServerProcess launch(ServerUser user, Path install, ServerLayout layout, int port, Map<String, String> settings) {
        List<String> command = new ArrayList<>(user.commandPrefix());
        command.addAll(List.of("/bin/sh", "-c", WATCHDOG, "pgcarry-watchdog", layout.base().toString(),
                install.resolve("bin").resolve("postgres").toString(),
                "-D", layout.data().toString(), "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=" + layout.socket()));
        settings.forEach((name, value) -> command.addAll(List.of("-c", name + "=" + value)));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.log().toFile()));
        builder.environment().put("LC_ALL", "C");
        try {
            return new ServerProcess(builder.start(), layout.log());
        } catch (IOException e) {
            throw new EmbeddedPostgresException("cannot start PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** Waits until the server accepts connections; fails early with the server's own words if it died. */
    void awaitReady(int port) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            String fatal = fatalLine();
            if (fatal != null || !watchdog.isAlive()) {
                throw new EmbeddedPostgresException("PostgreSQL did not start: "
                        + (fatal != null ? fatal : "the server process exited"));
            }
            try (Connection ignored = connect(port)) {
                return;
            } catch (SQLException e) {
                last = e;
                sleep(50);
            }
        }
        throw new EmbeddedPostgresException("PostgreSQL did not accept connections on port " + port + " within "
                + START_TIMEOUT.toSeconds() + " s" + (last != null ? " (" + last.getMessage() + ")" : ""));
    }

    boolean portWasTaken() {
        String fatal = fatalLine();
        return fatal != null && (fatal.contains("could not bind") || fatal.contains("could not create any TCP/IP")
                || fatal.contains("Address already in use") || fatal.contains("lock file"));
    }

    /**
     * Asks for a fast shutdown through the watchdog and waits until the watchdog and every server process have
     * exited; after {@link #STOP_TIMEOUT} they are killed. An interrupt does not cut the wait short (the caller's
     * next step deletes the directory, which must not race with a live server); it is restored on return.
     */
    void stop() {
        // The watchdog first: it ends only after the server it waits for, so the others are then found gone at once.
        List<ProcessHandle> tree = new ArrayList<>(List.of(watchdog.toHandle()));
        tree.addAll(watchdog.descendants().toList());
        try {
            watchdog.getOutputStream().close();
        } catch (IOException ignored) {
            // The watchdog is gone already; waiting below still covers the server it started.
        }
        boolean interrupted = false;
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (ProcessHandle process : tree) {
            interrupted |= awaitExit(process, deadline);
        }
        if (tree.stream().anyMatch(ProcessHandle::isAlive)) {
            tree.forEach(ProcessHandle::destroyForcibly);
            long killDeadline = System.nanoTime() + KILL_TIMEOUT.toNanos();
            for (ProcessHandle process : tree) {
                interrupted |= awaitExit(process, killDeadline);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for one process until the deadline, through interrupts; returns whether one came. It polls: the JDK sees a
     * process that is not a child of this JVM end only at its next check, the first of which comes 300 ms later.
     */
    private static boolean awaitExit(ProcessHandle process, long deadline) {
        boolean interrupted = false;
        while (process.isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(EXIT_POLL.toMillis());
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        return interrupted;
    }

    boolean isAlive() {
        return watchdog.isAlive();
    }

    /** Process ids of the server and its children, for tests that prove nothing is left running. */
    List<Long> processIds() {
        List<Long> ids = new ArrayList<>();
        ids.add(watchdog.pid());
        watchdog.descendants().forEach(p -> ids.add(p.pid()));
        return ids;
    }

    static Connection connect(int port) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", EmbeddedPostgres.SUPERUSER);
        props.setProperty("connectTimeout", "2");
        props.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", props);
    }

    private String fatalLine() {
        try {
            if (!Files.exists(logFile)) {
                return null;
            }
            for (String line : Files.readAllLines(logFile, StandardCharsets.UTF_8)) {
                // Our own early readiness probes are refused with FATAL while the server starts; that is no failure.
                boolean probeRefused = line.contains("is starting up") || line.contains("not yet accepting connections");
                if ((line.contains("FATAL:") || line.contains("PANIC:")) && !probeRefused) {
                    return line.trim();
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedPostgresException("interrupted while waiting for PostgreSQL to start", e);
        }
    }
}
