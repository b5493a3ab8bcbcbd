package io.pgcarry.move;

import io.pgcarry.connect.Sessions;
import io.pgcarry.connect.SharedSnapshot;
import io.pgcarry.largeobject.LargeObject;
import io.pgcarry.largeobject.LargeObjectContent;
import io.pgcarry.parallel.TaskGraph;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Copies large objects from the move's snapshot into the target with their OIDs, in groups of up to {@link #GROUP}
 * spread over the workers: a group commits in one transaction with the journal's record of each object it created,
 * so an interrupted move either has an object whole and recorded or not at all (a resumed move finds it in the target
 * with the same content and leaves it; an abort removes it).
 */
final class LargeObjectCopy implements AutoCloseable {
    private static final int GROUP = 100;

    private final SharedSnapshot snapshot;
    private final long run;
    private final boolean withPrivileges;
    /** Per worker's target connection, its source reader in the snapshot. */
    private final Map<Connection, Connection> readers = new ConcurrentHashMap<>();
    private final AtomicLong copied = new AtomicLong();

    /** @param withPrivileges also set owners and grants (clone --with-privileges); comments always */
    LargeObjectCopy(SharedSnapshot snapshot, long run, boolean withPrivileges) {
        this.snapshot = snapshot;
        this.run = run;
        this.withPrivileges = withPrivileges;
    }

    /** Copies {@code objects} with {@code jobs} workers on target sessions from {@code targets}; returns how many. */
    long copy(List<LargeObject> objects, int jobs, Supplier<Connection> targets) {
        List<List<LargeObject>> groups = new ArrayList<>();
        for (int i = 0; i < objects.size(); i += GROUP) {
            groups.add(objects.subList(i, Math.min(objects.size(), i + GROUP)));
        }
        TaskGraph.forEach("large objects", jobs, groups, targets, this::copyGroup);
        return copied.get();
    }

    private void copyGroup(Connection target, List<LargeObject> group) throws SQLException {
        Connection reader = readers.computeIfAbsent(target, t -> snapshot.reader());
        target.setAutoCommit(false);
        try {
            for (LargeObject object : group) {
                LargeObjectContent.copy(reader, target, withPrivileges ? object : object.withoutPrivileges());
                Journal.addLargeObject(target, run, object.oid());
            }
            target.commit();
        } catch (SQLException | RuntimeException e) {
            Sessions.rollbackAfterFailure(target);
            throw e;
        }
        copied.addAndGet(group.size());
    }

    /** Closes the source readers. */
    @Override
    public void close() {
        readers.values().forEach(SharedSnapshot::close);
    }
}
