package io.pgcarry.migrate.verify;

import io.pgcarry.parallel.Outcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A {@link ScratchServer} starting on a thread of its own, so that its start (initdb, the server's start: the longest
 * step of a verification) overlaps reading the ledger and the target's schema. {@link #close()} waits for the start to
 * end and stops the server, whether it was ever used or not.
 */
final class PendingScratch implements AutoCloseable {
    private final CompletableFuture<ScratchServer> server;

    private PendingScratch(CompletableFuture<ScratchServer> server) {
        this.server = server;
    }

    static PendingScratch start(ScratchServers servers, int major) {
        return new PendingScratch(CompletableFuture.supplyAsync(() -> servers.start(major), task -> {
            Thread thread = new Thread(task, "pgcarry-verify-server");
            thread.setDaemon(true);
            thread.start();
        }));
    }

    /** The server, once started; its start's failure, as it was thrown. */
    ScratchServer get() {
        return Outcome.of(server);
    }

    @Override
    public void close() {
        ScratchServer started;
        try {
            started = server.join();
        } catch (CompletionException failedToStart) {
            return; // nothing to stop; get() reports the failure to whoever asks
        }
        started.close();
    }
}
