package io.pgcarry.rehearse;

/**
 * The longest time a probe query waited for a lock while a statement ran.
 *
 * @param table   the table the probe read or wrote
 * @param probe   {@code read} or {@code write}
 * @param seconds how long it waited
 */
public record ProbeWait(String table, String probe, double seconds) {
}
