package io.pgcarry.cli;

import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.move.JournalState;
import io.pgcarry.move.MoveJournal;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pgcarry status}: is a move into this database unfinished, and how to get out of it. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show an unfinished move into the target and the two ways out (--resume, --abort).")
final class StatusCommand extends BaseCommand {
    @Mixin
    ToOptions to;
    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        ConnectionSpec target = connection.target(to);
        JournalState state = new MoveJournal(connection.connector()).state(target);
        if (state.unfinished() == null) {
            return console().finish(Map.of("unfinished", false, "journal", state.journalExists()),
                    "no unfinished move in " + target.address() + "; " + (state.journalExists()
                            ? "pgcarry's journal (schema pgcarry) is there with finished runs only; the next move or --abort removes it"
                            : "no pgcarry journal exists there"), ExitCodes.OK);
        }
        return console().finish(state.unfinished(), Reports.status(state.unfinished()), ExitCodes.PROBLEMS_FOUND);
    }
}
