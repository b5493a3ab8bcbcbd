package io.pgcarry.parallel;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Fixed pools of daemon threads named after their work, so a stuck worker never keeps the JVM alive. */
public final class DaemonPool {
    private DaemonPool() {
    }

    public static ExecutorService of(String name, int threads) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "pgcarry-" + name);
            t.setDaemon(true);
            return t;
        });
    }
}
