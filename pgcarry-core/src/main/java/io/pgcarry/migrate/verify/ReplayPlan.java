package io.pgcarry.migrate.verify;

import io.pgcarry.migrate.MigrationRow;
import io.pgcarry.migrate.MigrationState;
import io.pgcarry.migrate.MigrationStatus;
import io.pgcarry.migrate.MigrationTool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which migrations are replayed on the throw-away server, in the tool's order, and what is said about the others.
 * What the ledger says is applied is replayed (a file edited since as it is now, with a note); with
 * {@code includePending}, pending, skipped, out-of-order and failed ones too. A migration in the ledger without a file
 * cannot be replayed: what it made shows as drift.
 *
 * @param steps         the files to replay, in order
 * @param notes         one line per migration replayed with a caveat or left out for a reason other than pending
 * @param pendingLeftOut how many not-applied migrations were left out (none with {@code includePending})
 */
public record ReplayPlan(List<Step> steps, List<String> notes, int pendingLeftOut) {
    public ReplayPlan {
        steps = List.copyOf(steps);
        notes = List.copyOf(notes);
    }

    /**
     * One migration to replay.
     *
     * @param version its version as the tool shows it
     * @param file    its file, relative to the migration directory ({@code /} separators)
     */
    public record Step(String version, String file) {
    }

    /** The plan for what {@code status} found. */
    public static ReplayPlan of(MigrationStatus status, boolean includePending) {
        List<Step> steps = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int pendingLeftOut = 0;
        for (MigrationRow row : status.migrations()) {
            boolean repeatableRan = repeatable(status.tool(), row) && row.recordedChecksum() != null;
            if (row.file() == null) {
                notes.add(row.version() + " " + row.name() + ": in the ledger and no file, so not replayed; what it made shows as drift");
            } else if (applied(row.state()) || repeatableRan) {
                steps.add(new Step(row.version(), row.file()));
                note(row, repeatableRan).ifPresent(notes::add);
            } else if (includePending) {
                steps.add(new Step(row.version(), row.file()));
            } else if (row.state() == MigrationState.FAILED) {
                notes.add(row.version() + " " + row.name() + ": failed in the ledger, so not replayed; what it did in the target"
                        + " shows as drift");
            } else {
                pendingLeftOut++;
            }
        }
        return new ReplayPlan(steps, notes, pendingLeftOut);
    }

    private static boolean applied(MigrationState state) {
        return state == MigrationState.APPLIED || state == MigrationState.LINE_ENDINGS_ONLY || state == MigrationState.MODIFIED;
    }

    /** Flyway's repeatable migrations ({@code R__}) run again when they change: one that ran before is in the target. */
    private static boolean repeatable(MigrationTool tool, MigrationRow row) {
        return tool == MigrationTool.FLYWAY && Path.of(row.file() == null ? "" : row.file()).getFileName().toString().startsWith("R__");
    }

    private static Optional<String> note(MigrationRow row, boolean repeatableRan) {
        if (row.state() == MigrationState.MODIFIED) {
            return Optional.of(row.version() + " " + row.name() + ": modified after it was applied; the file as it is"
                    + " now was replayed");
        }
        if (repeatableRan && row.state() != MigrationState.APPLIED) {
            return Optional.of(row.version() + " " + row.name() + ": repeatable, changed since it last ran; the file as"
                    + " it is now was replayed");
        }
        return Optional.empty();
    }
}
