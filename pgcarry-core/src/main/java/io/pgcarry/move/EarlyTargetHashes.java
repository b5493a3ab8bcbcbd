package io.pgcarry.move;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.Sessions;
import io.pgcarry.parallel.DaemonPool;
import io.pgcarry.plan.TableMove;
import io.pgcarry.verify.ContentHash;
import io.pgcarry.verify.ContentTotals;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hashes the loaded tables on the target, on one connection of its own, while their keys and indexes are being
 * built: once the copy is done no step of the move changes a row (index builds, foreign key validation, sequences
 * and ANALYZE only read them), and an index build of one big table leaves the other cores idle. The validation then
 * finds the target's content hashes ready. Best effort: a table not hashed by the time they are asked for, or
 * whose hashing failed, is simply hashed again by the validation.
 */
final class EarlyTargetHashes implements AutoCloseable {
    private final Map<QualifiedName, ContentTotals> done = new ConcurrentHashMap<>();
    private final AtomicReference<Connection> open = new AtomicReference<>();
    private final ExecutorService thread = DaemonPool.of("hashing the target", 1);
    private volatile boolean stopped;
    private final Future<?> work;

    private EarlyTargetHashes(Connector connector, ConnectionSpec target, List<TableMove> tables) {
        this.work = thread.submit(() -> hashAll(connector, target, tables));
    }

    /** Starts hashing these tables, biggest first. */
    static EarlyTargetHashes start(Connector connector, ConnectionSpec target, List<TableMove> tables) {
        return new EarlyTargetHashes(connector, target, tables.stream()
                .sorted(Comparator.comparingLong((TableMove t) -> -t.source().sizeBytes())).toList());
    }

    private void hashAll(Connector connector, ConnectionSpec target, List<TableMove> tables) {
        if (tables.isEmpty()) {
            return;
        }
        try (Connection c = Sessions.prepare(connector.open(target))) {
            open.set(c);
            String encoding = Sessions.serverEncoding(c);
            for (TableMove table : tables) {
                if (stopped) {
                    return;
                }
                done.put(table.target().name(), ContentHash.of(table).inEncodings(encoding, encoding)
                        .totals(c, false, table.target().rowsSql()));
            }
        } catch (SQLException | RuntimeException e) {
            // Whatever is missing is hashed again by the validation, which reports any real failure.
        } finally {
            open.set(null);
        }
    }

    /** Waits for the hashing to end and returns the target totals per target table, as far as they got. */
    Map<QualifiedName, ContentTotals> totals() {
        awaitEnd();
        return Map.copyOf(done);
    }

    private void awaitEnd() {
        try {
            work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // Not reached: hashAll catches its failures.
        }
    }

    /** Stops a hashing still running (the move failed): its query is cancelled and its connection closed. */
    @Override
    public void close() {
        stopped = true;
        Connection c = open.get();
        if (c != null && !work.isDone()) {
            try {
                c.unwrap(org.postgresql.PGConnection.class).cancelQuery();
            } catch (SQLException ignored) {
                // The connection is going away anyway.
            }
        }
        awaitEnd();
        thread.shutdownNow();
    }
}
