package io.pgcarry.parallel;

import io.pgcarry.error.InterruptedWorkException;
import io.pgcarry.error.PgCarryException;
import io.pgcarry.error.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.postgresql.PGConnection;

/**
 * Runs tasks that wait for one another with up to {@code threads} workers, each holding one connection for its
 * whole life. A task starts once every task it runs {@linkplain Task#after after} has finished, and only while no
 * running task holds one of its {@linkplain Task#exclusive exclusive} resources or holds one of its
 * {@linkplain Task#shared shared} ones exclusively; among the tasks that may start, the one listed first starts.
 * <p>
 * Resources are {@link Resource} values the caller chooses, usually a table's lock classes: they keep a worker from starting what the server would
 * only make it wait for (a query on a table while another worker adds its primary key, say), so its CPU goes to
 * work that can run. The first failure cancels what the other workers are running and no task starts after it;
 * that failure is what the caller sees, carrying as suppressed exceptions the other workers' own failures (not the
 * cancellations it caused). It is pgcarry's one executor: independent items go through {@link #forEach}.
 */
public final class TaskGraph {
    /**
     * Something tasks use, alone or alongside each other (see the class comment); implementations are values
     * (records), equal when they stand for the same thing.
     */
    public interface Resource {
    }

    /** One task's work on a worker's connection. */
    @FunctionalInterface
    public interface Work {
        void run(Connection connection) throws SQLException;
    }

    /** One item's work on a worker's connection. */
    @FunctionalInterface
    public interface ItemWork<T> {
        void run(Connection connection, T item) throws SQLException;
    }

    /**
     * @param name       unique among the graph's tasks; what other tasks name to run after it
     * @param after      names of the tasks that must finish first
     * @param shared     resources this task uses alongside other shared users
     * @param exclusive  resources this task uses alone
     */
    public record Task(String name, Set<String> after, Set<Resource> shared, Set<Resource> exclusive, Work work) {
        public Task {
            Objects.requireNonNull(name, "name");
            after = Set.copyOf(after);
            shared = Set.copyOf(shared);
            exclusive = Set.copyOf(exclusive);
            Objects.requireNonNull(work, "work");
        }

        public static Task of(String name, Work work) {
            return new Task(name, Set.of(), Set.of(), Set.of(), work);
        }

        public Task after(Set<String> names) {
            return new Task(name, union(after, names), shared, exclusive, work);
        }

        public Task shared(Resource resource) {
            return new Task(name, after, union(shared, Set.of(resource)), exclusive, work);
        }

        public Task exclusive(Resource resource) {
            return new Task(name, after, shared, union(exclusive, Set.of(resource)), work);
        }

        private static <T> Set<T> union(Set<T> a, Set<T> b) {
            Set<T> all = new HashSet<>(a);
            all.addAll(b);
            return all;
        }
    }

    private final Map<String, Task> pending = new LinkedHashMap<>();
    private final Set<String> finished = new HashSet<>();
    /** Per resource: how many running tasks share it, or -1 while one task holds it alone. */
    private final Map<Resource, Integer> holders = new HashMap<>();
    private int running;
    private RuntimeException failure;
    /** The workers' connections, so that the first failure can cancel what the others are running. */
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();

    private TaskGraph(List<Task> tasks) {
        for (Task task : tasks) {
            if (pending.put(task.name(), task) != null) {
                throw new IllegalArgumentException("two tasks are named " + task.name());
            }
        }
        for (Task task : tasks) {
            for (String before : task.after()) {
                if (!pending.containsKey(before)) {
                    throw new IllegalArgumentException("task " + task.name() + " runs after an unknown task " + before);
                }
            }
        }
    }

    /** Runs every task; returns when all have finished, or throws the first failure once the running ones stop. */
    public static void run(String name, int threads, List<Task> tasks, Supplier<Connection> connections) {
        if (tasks.isEmpty()) {
            return;
        }
        TaskGraph graph = new TaskGraph(tasks);
        int count = Math.max(1, Math.min(threads, tasks.size()));
        ExecutorService pool = DaemonPool.of(name, count);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(pool.submit(() -> {
                graph.work(name, connections);
                return null;
            }));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            graph.fail(new InterruptedWorkException("interrupted during " + name));
            Thread.currentThread().interrupt();
            throw new InterruptedWorkException("interrupted during " + name);
        } catch (ExecutionException e) {
            graph.fail(e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause()));
        } finally {
            pool.shutdownNow();
        }
        graph.rethrow();
    }

    /** Runs {@code work} on every item with up to {@code threads} workers, taking the items in list order. */
    public static <T> void forEach(String name, int threads, List<T> items, Supplier<Connection> connections, ItemWork<T> work) {
        List<Task> tasks = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            tasks.add(Task.of(name + " " + (i + 1), c -> work.run(c, item)));
        }
        run(name, threads, tasks, connections);
    }

    private void work(String name, Supplier<Connection> connections) {
        Connection connection = null;
        try {
            Task task;
            while ((task = next()) != null) {
                // The failure is recorded before the task counts as done, so nothing that follows it can start.
                try {
                    if (connection == null) {
                        connection = connections.get();
                        if (connection != null) {
                            open.add(connection);
                        }
                    }
                    task.work().run(connection);
                } catch (SQLException e) {
                    fail(SqlErrors.translate(name, e));
                } catch (RuntimeException e) {
                    fail(e);
                } finally {
                    done(task);
                }
            }
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            if (connection != null) {
                open.remove(connection);
            }
            close(connection);
        }
    }

    /** The next task to run, once one may start; null when all are done or the graph has failed. */
    private synchronized Task next() {
        while (true) {
            if (failure != null || pending.isEmpty()) {
                return null;
            }
            for (Task task : pending.values()) {
                if (finished.containsAll(task.after()) && free(task)) {
                    pending.remove(task.name());
                    take(task);
                    return task;
                }
            }
            if (running == 0) {
                throw new IllegalStateException("tasks wait for each other: " + pending.keySet());
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedWorkException("interrupted");
            }
        }
    }

    private boolean free(Task task) {
        for (Resource resource : task.exclusive()) {
            if (holders.getOrDefault(resource, 0) != 0) {
                return false;
            }
        }
        for (Resource resource : task.shared()) {
            if (holders.getOrDefault(resource, 0) < 0) {
                return false;
            }
        }
        return true;
    }

    private void take(Task task) {
        running++;
        task.exclusive().forEach(resource -> holders.put(resource, -1));
        task.shared().forEach(resource -> holders.merge(resource, 1, Integer::sum));
    }

    private synchronized void done(Task task) {
        running--;
        task.exclusive().forEach(holders::remove);
        task.shared().forEach(resource -> holders.computeIfPresent(resource, (r, n) -> n == 1 ? null : n - 1));
        finished.add(task.name());
        notifyAll();
    }

    private void fail(RuntimeException e) {
        boolean first;
        synchronized (this) {
            first = failure == null;
            if (first) {
                failure = e;
            } else if (failure != e && !cancelledByUs(e)) {
                failure.addSuppressed(e);
            }
            notifyAll();
        }
        if (first) {
            for (Connection c : open) {
                cancel(c);
            }
        }
    }

    /** Whether {@code e} is a statement stopped by the cancel that followed the first failure ({@code 57014}). */
    private static boolean cancelledByUs(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "57014".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void cancel(Connection c) {
        try {
            c.unwrap(PGConnection.class).cancelQuery();
        } catch (SQLException ignored) {
            // Closed already, or idle: nothing runs there to stop.
        }
    }

    private synchronized void rethrow() {
        if (failure instanceof PgCarryException p) {
            throw p;
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // The work is over; a failed close changes nothing for the caller.
            }
        }
    }
}
