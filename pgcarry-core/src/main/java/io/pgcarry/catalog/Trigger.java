package io.pgcarry.catalog;

/**
 * A user trigger (internal triggers, such as those of foreign keys, are not listed).
 *
 * @param table    the table
 * @param name     the trigger
 * @param enabled  {@code O}, {@code D}, {@code R} or {@code A} as in {@code pg_trigger.tgenabled}
 */
public record Trigger(QualifiedName table, String name, char enabled) {
}
