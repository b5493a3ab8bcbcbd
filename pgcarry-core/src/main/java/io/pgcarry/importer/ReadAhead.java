package io.pgcarry.importer;

import io.pgcarry.importer.ImportMapping.Collection;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a collection on a thread of its own (parsing, and hashing each file and each record's canonical form) while
 * the caller's thread converts the records already read: the two halves cost about the same, and while they run the
 * server is idle, so its core is free. The records reach the caller in order; a bounded queue keeps memory to a few
 * hundred records.
 */
final class ReadAhead {
    private static final int QUEUED = 256;
    private static final Object END = new Object();

    private ReadAhead() {
    }

    /** As {@link RecordSource#read}, the visitor called on the caller's thread. */
    static List<FileSnapshot> read(Collection collection, Path base, RecordSource.Visitor visitor) {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED);
        Object[] outcome = new Object[1];
        Thread reader = new Thread(() -> {
            try {
                outcome[0] = RecordSource.read(collection, base, record -> put(queue, record));
            } catch (Stopped e) {
                return;
            } catch (RuntimeException | Error e) {
                outcome[0] = e;
            }
            try {
                queue.put(END);
            } catch (InterruptedException e) {
                // the caller has gone
            }
        }, "pgcarry-read-" + collection.name());
        reader.setDaemon(true);
        reader.start();
        try {
            for (Object next = take(queue); next != END; next = take(queue)) {
                visitor.record((SourceRecord) next);
            }
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + collection.name(), e);
        } finally {
            reader.interrupt();
        }
        return result(outcome[0]);
    }

    @SuppressWarnings("unchecked")
    private static List<FileSnapshot> result(Object outcome) {
        if (outcome instanceof RuntimeException e) {
            throw e;
        }
        if (outcome instanceof Error e) {
            throw e;
        }
        return (List<FileSnapshot>) outcome;
    }

    private static void put(BlockingQueue<Object> queue, Object item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            // the caller stopped reading (its visitor failed): end this thread quietly
            throw new Stopped();
        }
    }

    private static Object take(BlockingQueue<Object> queue) throws InterruptedException {
        return queue.take();
    }

    /** Ends the reading thread when its caller has gone. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }
}
