package io.pgcarry.cli;

import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.ping.Ping;
import io.pgcarry.ping.PingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pgcarry ping}: can pgcarry reach this database, and as whom? */
@Command(name = "ping", mixinStandardHelpOptions = true, description = "Connect to a database and show its version, user, encoding and size.")
final class PingCommand extends BaseCommand {
    @Mixin
    ToOptions to;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        ConnectionSpec spec = connection.target(to);
        PingResult result = new Ping(connection.connector()).ping(spec);
        return console().finish(result, Reports.ping(result), ExitCodes.OK);
    }
}
