package io.pgcarry.copy;

import java.util.List;

/**
 * A step of a move that waits for a lock another session holds.
 *
 * @param step      what the move is doing, such as {@code TRUNCATE} or {@code validating a foreign key}
 * @param relation  the relation whose lock it waits for, or null when the wait is on something else (a row, a transaction)
 * @param pid       the move's waiting session
 * @param seconds   how long it has waited so far (or in all, when {@code over})
 * @param blockers  the sessions holding the lock
 * @param over      whether the wait has just ended
 */
public record LockWait(String step, String relation, int pid, double seconds, List<Blocker> blockers, boolean over) {
    public LockWait {
        blockers = List.copyOf(blockers);
    }

    /**
     * A session that holds up the move.
     *
     * @param pid                  its process id
     * @param user                 its role, or null when not visible
     * @param application          its application_name, or null
     * @param state                its state ({@code idle in transaction}...), or null when the role may not see it
     * @param transactionSeconds   how long its transaction has been open, or null when unknown
     */
    public record Blocker(int pid, String user, String application, String state, Double transactionSeconds) {
    }
}
