package io.pgcarry.cli;

import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.move.MoveJournal;
import io.pgcarry.move.MoveStatus;
import java.util.Map;
import java.util.Optional;
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
        Optional<MoveStatus> status = new MoveJournal(connection.connector()).status(target);
        if (status.isEmpty()) {
            console().result(Map.of("unfinished", false), "no unfinished move in " + target.address());
            return ExitCodes.OK;
        }
        console().result(status.get(), Reports.status(status.get()));
        return ExitCodes.PROBLEMS_FOUND;
    }
}
