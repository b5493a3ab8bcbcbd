package io.pgcarry.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/** Runs one query on each side at the same time: they are different servers, or at least different sessions. */
final class BothSides {
    private static final Executor SOURCE_THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pgcarry-source-side");
        t.setDaemon(true);
        return t;
    });

    /** A query on one side's connection. */
    @FunctionalInterface
    interface Query<T> {
        T run(Connection c) throws SQLException;
    }

    /** The two results, source first. */
    record Results<T>(T source, T target) {
    }

    private BothSides() {
    }

    static <T> Results<T> run(Connection source, Query<T> onSource, Connection target, Query<T> onTarget) throws SQLException {
        CompletableFuture<T> s = CompletableFuture.supplyAsync(() -> {
            try {
                return onSource.run(source);
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, SOURCE_THREADS);
        T t;
        try {
            t = onTarget.run(target);
        } catch (SQLException | RuntimeException e) {
            s.exceptionally(ignored -> null).join();
            throw e;
        }
        try {
            return new Results<>(s.join(), t);
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
