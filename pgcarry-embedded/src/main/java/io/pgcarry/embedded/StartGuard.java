package io.pgcarry.embedded;

import java.util.concurrent.TimeUnit;

/**
 * Cleans up after a server that is still starting when the JVM exits (a Ctrl-C during initdb, say): ends initdb
 * or stops the half-started server, waits for them, then removes the directory. Once the server is handed
 * over, {@link EmbeddedPostgres}'s own shutdown hook takes the job and this one is removed.
 */
final class StartGuard implements AutoCloseable {
    private final ServerLayout layout;
    private final Thread hook;
    private volatile Process initdb;
    private volatile ServerProcess server;

    StartGuard(ServerLayout layout) {
        this.layout = layout;
        this.hook = new Thread(this::cleanUp, "pgcarry-embedded-start-abort");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    void initdb(Process process) {
        this.initdb = process;
    }

    void server(ServerProcess process) {
        this.server = process;
    }

    private void cleanUp() {
        Process running = initdb;
        if (running != null && running.isAlive()) {
            running.destroy();
            try {
                running.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ServerProcess launched = server;
        if (launched != null) {
            launched.stop();
        }
        EmbeddedPostgres.deleteTree(layout.base());
    }

    /** The start is over (handed over, or failed and cleaned up by its caller): the hook is no longer needed. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting: the hook runs, and stopping twice is harmless.
        }
    }
}
