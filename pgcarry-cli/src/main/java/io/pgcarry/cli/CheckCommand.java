package io.pgcarry.cli;

import io.pgcarry.check.Check;
import io.pgcarry.check.CheckReport;
import io.pgcarry.connect.ConnectionSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pgcarry check}: every problem of a move, listed before anything is written. */
@Command(name = "check", mixinStandardHelpOptions = true, description = "List every problem a move would hit (schema, data, privileges), writing nothing.")
final class CheckCommand extends BaseCommand {
    @Mixin
    FromOptions from;
    @Mixin
    ToOptions to;
    @Mixin
    MoveOptions move;
    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        ConnectionSpec source = connection.source(from);
        ConnectionSpec target = connection.target(to);
        CheckReport report = new Check(connection.connector()).run(source, target, move.toCheckOptions());
        return console().finish(report, Reports.check(report), report.passed() ? ExitCodes.OK : ExitCodes.PROBLEMS_FOUND);
    }
}
