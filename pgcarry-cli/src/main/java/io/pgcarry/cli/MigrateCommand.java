package io.pgcarry.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code pgcarry migrate}: every migration tool's history, read the same way. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Migration commands: status (is what ran in the database what the migration files say?), verify (and is its"
                + " schema what the files make?), apply (run the pending ones).",
        subcommands = {MigrateStatusCommand.class, MigrateVerifyCommand.class, MigrateApplyCommand.class})
final class MigrateCommand extends BaseCommand {
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "missing migrate command; see the list above");
    }
}
