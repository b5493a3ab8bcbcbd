package io.pgcarry.move;

/**
 * What was copied into one table.
 *
 * @param table    the target table
 * @param rows     rows copied
 * @param bytes    bytes streamed
 * @param seconds  wall time of its ranges
 * @param ranges   the ranges its copy was split into (1 when copied whole)
 */
public record TableResult(String table, long rows, long bytes, double seconds, int ranges) {
}
