package io.pgcarry.cli;

import io.pgcarry.error.DatabaseException;
import io.pgcarry.error.SqlErrors;

/**
 * What to do after a command lost its session half-way (a terminated backend, a restarted server, a broken network):
 * the work committed so far stays, and each command has its own way to finish or undo it.
 */
final class RecoveryHints {
    private RecoveryHints() {
    }

    /** The hint for {@code command} after {@code failure}, or null when the failure is not a lost session. */
    static String after(String command, Exception failure) {
        if (!(failure instanceof DatabaseException e) || !SqlErrors.sessionLost(e.sqlState())) {
            return null;
        }
        return switch (command) {
            case "move" -> "the connection was lost half-way: finish the move with 'pgcarry move --resume' or undo it with "
                    + "'pgcarry move --abort', with the same arguments ('pgcarry status --to ...' shows where it stopped)";
            case "clone" -> "the connection was lost half-way: finish the clone with 'pgcarry clone --resume' (same arguments), "
                    + "or undo its data load with 'pgcarry move --abort --to ...'";
            case "restore" -> "the connection was lost half-way: run the restore again with --clean";
            default -> null;
        };
    }
}
