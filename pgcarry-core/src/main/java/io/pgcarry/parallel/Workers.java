package io.pgcarry.parallel;

import io.pgcarry.error.InterruptedWorkException;
import io.pgcarry.error.PgCarryException;
import io.pgcarry.error.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Drains a list of work items with up to {@code threads} workers, each holding one connection for its whole
 * life. After the first failure no worker takes a new item, and that failure is what the caller sees.
 */
public final class Workers {
    /** One item's work on a worker's connection. */
    @FunctionalInterface
    public interface Work<T> {
        void run(Connection connection, T item) throws SQLException;
    }

    private Workers() {
    }

    public static <T> void drain(String name, int threads, List<T> items, Supplier<Connection> connections, Work<T> work) {
        if (items.isEmpty()) {
            return;
        }
        int count = Math.max(1, Math.min(threads, items.size()));
        ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>(items);
        ExecutorService pool = DaemonPool.of(name, count);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(pool.submit(() -> {
                try (Connection c = connections.get()) {
                    T item;
                    while ((item = queue.poll()) != null) {
                        work.run(c, item);
                    }
                } catch (SQLException e) {
                    throw SqlErrors.translate(name, e);
                } catch (RuntimeException e) {
                    queue.clear();
                    throw e;
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            queue.clear();
            Thread.currentThread().interrupt();
            throw new InterruptedWorkException("interrupted during " + name);
        } catch (ExecutionException e) {
            queue.clear();
            if (e.getCause() instanceof PgCarryException p) {
                throw p;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
