package io.pgcarry.cli;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

/** The top-level {@code pgcarry} command; all work happens in subcommands. */
@Command(name = "pgcarry",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Moves, backs up, restores and migrates PostgreSQL databases, and proves that every row arrived.",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0    success",
            "  1    a check or verification found problems",
            "  2    usage or configuration error",
            "  3    runtime failure (database, I/O)",
            "  130  interrupted"
        })
public final class PgcarryCommand implements Runnable {
    /**
     * The commands, in the order help lists them. Added by {@link Main#commandLine} rather than named in the annotation,
     * so that a run of one command builds only that command's model (picocli reads every option of every command it
     * is given, which took a fifth of a second of each start).
     */
    static final List<Class<?>> COMMANDS = List.of(DemoCommand.class, CheckCommand.class, MoveCommand.class, ValidateCommand.class,
            StatusCommand.class, SchemaCommand.class, DiffCommand.class, TablesCommand.class, CloneCommand.class, BackupCommand.class,
            RestoreCommand.class, MigrateCommand.class, ImportCommand.class, LintCommand.class, RehearseCommand.class, PingCommand.class,
            EmbeddedCommand.class);

    @Mixin
    GlobalOptions global;

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command; see the list above");
    }
}
