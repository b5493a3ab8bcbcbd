/**
 * {@code pgcarry validate}: proves that two databases hold the same data (row counts, content hashes) and
 * that the target's references hold (orphan checks), with the same mapping and exclusions as a move.
 */
package io.pgcarry.verify;
