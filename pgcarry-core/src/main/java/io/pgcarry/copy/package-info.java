/**
 * The copy room: how a table's rows are split into ranges read from one snapshot ({@link io.pgcarry.copy.RangePlanner},
 * {@link io.pgcarry.copy.CopyRange}), the one COPY pump that carries rows from a source to a sink
 * ({@link io.pgcarry.copy.CopyPump}), rows too big for one COPY message carried in slices
 * ({@link io.pgcarry.copy.OversizedRows}), loads into a table created or emptied in the same transaction
 * ({@link io.pgcarry.copy.FrozenLoad}), and how progress and lock waits are reported. Move, clone and backup pump
 * through it; restore hands its files to pgjdbc's own COPY IN.
 */
package io.pgcarry.copy;
