package io.pgcarry.load;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.parallel.TaskGraph;
import java.util.Objects;

/**
 * One of a table's lock classes as a {@link TaskGraph} resource: steps that the server would make wait for each
 * other hold the same one, one of them alone (see {@link LoadGraph}).
 *
 * @param level  which of the table's lock classes
 * @param table  the table
 */
public record TableLock(Level level, QualifiedName table) implements TaskGraph.Resource {
    /** A table's lock classes, as the load graph uses them. */
    public enum Level {
        /** The table itself: held alone by a key added in one statement, which locks out readers too. */
        TABLE,
        /**
         * Schema changes that take SHARE UPDATE EXCLUSIVE or stronger: held alone by ANALYZE, VALIDATE, adding a
         * foreign key or check and switching a trigger; shared by index builds, which conflict with those but not with
         * each other.
         */
        CHANGES,
        /** Attaching a key: one at a time, since each ends by taking the table. */
        KEY_ATTACH
    }

    public TableLock {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(table, "table");
    }

    public static TableLock of(QualifiedName table) {
        return new TableLock(Level.TABLE, table);
    }

    public static TableLock changes(QualifiedName table) {
        return new TableLock(Level.CHANGES, table);
    }

    public static TableLock keyAttach(QualifiedName table) {
        return new TableLock(Level.KEY_ATTACH, table);
    }
}
