/**
 * Proving that the schema arrived: after a move, clone or restore, the target's indexes, constraints and triggers
 * are read once more and compared with what the command meant to leave there, so that a PASS means the schema
 * and the data are equal. Missing, extra, INVALID or changed objects are named one by one in a {@link
 * io.pgcarry.arrival.SchemaCheck}.
 */
package io.pgcarry.arrival;
