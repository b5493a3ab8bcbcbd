package io.pgcarry.move;

import java.util.Optional;

/**
 * What pgcarry's journal (schema {@code pgcarry}) holds in a target. A move or clone removes the journal when it
 * finishes and {@code move --abort} when it has undone the run; it stays only while a run is unfinished.
 *
 * @param journalExists  whether schema {@code pgcarry} is in the target
 * @param unfinished     the unfinished move, or null when there is none
 */
public record JournalState(boolean journalExists, MoveStatus unfinished) {
    /** The unfinished move, if there is one. */
    public Optional<MoveStatus> unfinishedMove() {
        return Optional.ofNullable(unfinished);
    }
}
