package io.pgcarry.move;

/**
 * What was copied into one table.
 *
 * @param table    the target table
 * @param rows     rows copied
 * @param bytes    bytes streamed
 * @param seconds  wall time of its ranges
 */
public record TableResult(String table, long rows, long bytes, double seconds) {
}
