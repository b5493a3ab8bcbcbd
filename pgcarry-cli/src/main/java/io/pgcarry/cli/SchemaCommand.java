package io.pgcarry.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code pgcarry schema}: commands about the schema model. */
@Command(name = "schema", mixinStandardHelpOptions = true, description = "Schema commands: dump.",
        subcommands = {SchemaDumpCommand.class})
final class SchemaCommand extends BaseCommand {
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "missing schema command; see the list above");
    }
}
