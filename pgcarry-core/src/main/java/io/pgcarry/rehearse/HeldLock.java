package io.pgcarry.rehearse;

import io.pgcarry.lint.LockMode;
import java.util.Objects;

/**
 * A lock a statement took on one relation.
 *
 * @param relation    the relation, {@code public.orders} or {@code public.orders_pkey}
 * @param kind        {@code table}, {@code index}, {@code TOAST table}, {@code sequence}...
 * @param table       the table it belongs to (itself for a table)
 * @param mode        the strongest mode it took on the relation
 * @param created     whether the migration created the relation itself (nobody else can be using it yet)
 * @param heldSeconds how long the lock was held: from the statement's start to its commit in a statement's own
 *                    transaction, as sampled for a statement that runs outside a transaction
 */
public record HeldLock(String relation, String kind, String table, LockMode mode, boolean created, double heldSeconds) {
    public HeldLock {
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(mode, "mode");
    }

    /** A strong lock on a relation that existed before the migration: it blocks the application's queries. */
    public boolean blocking() {
        return mode.strong() && !created;
    }

    @Override
    public String toString() {
        return mode.label() + " on " + relation + (created ? " (new)" : "");
    }
}
