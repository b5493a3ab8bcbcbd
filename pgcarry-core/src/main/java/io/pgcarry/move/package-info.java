/**
 * {@code pgcarry move}: copies data into an existing schema from one consistent snapshot, in parallel
 * ranges, with foreign keys, indexes and triggers set aside and brought back through a journal kept in the
 * target. Every step commits together with its journal entry, so a kill at any moment leaves a state that
 * {@code --resume} finishes or {@code --abort} undoes.
 */
package io.pgcarry.move;
