package io.pgcarry.cli;

import io.pgcarry.check.ChecksFailedException;
import io.pgcarry.connect.Redaction;
import io.pgcarry.embedded.EmbeddedPostgresException;
import io.pgcarry.error.PgCarryException;
import io.pgcarry.error.Setting;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Entry point: builds the command line, runs it, and turns every failure into one line and an exit code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs pgcarry with the given streams and returns the exit code (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine(out, err, args.length == 0 ? null : args[0]);
        return cli.execute(args);
    }

    /** The whole command tree. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, null);
    }

    /**
     * The command tree, holding only the command {@code first} names when it names one (the first argument: a run of one
     * command needs no other's model), else every command (for help, a global option first, or a misspelt name).
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String first) {
        Setting.nameBy(Main::option);
        CommandLine cli = new CommandLine(new PgcarryCommand());
        List<Class<?>> named = PgcarryCommand.COMMANDS.stream()
                .filter(c -> c.getAnnotation(CommandLine.Command.class).name().equals(first)).toList();
        for (Class<?> command : named.isEmpty() ? PgcarryCommand.COMMANDS : named) {
            cli.addSubcommand(command);
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(usageErrors());
        cli.setExecutionExceptionHandler(runtimeErrors());
        cli.setExecutionStrategy(parsed -> {
            if (((PgcarryCommand) cli.getCommand()).global.verbose) {
                SqlLog.enable(err);
            } else {
                SqlLog.disable();
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        return cli;
    }

    /** The option that sets a setting: every {@link Setting} is an option of the same name, {@code --skip-unmodelled}. */
    static String option(Setting setting) {
        return "--" + setting.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Console console(CommandLine any) {
        CommandLine root = any;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        GlobalOptions options = ((PgcarryCommand) root.getCommand()).global;
        return new Console(root.getOut(), root.getErr(), options);
    }

    private static IParameterExceptionHandler usageErrors() {
        return (ex, args) -> {
            CommandLine cli = ex.getCommandLine();
            // picocli quotes the arguments it could not place; a connection string among them is shown redacted
            String message = Redaction.maskConnectionArguments(ex.getMessage(), args);
            console(cli).error(message + "; see '" + cli.getCommandSpec().qualifiedName() + " --help'", ExitCodes.USAGE);
            return ExitCodes.USAGE;
        };
    }

    private static IExecutionExceptionHandler runtimeErrors() {
        return (Exception ex, CommandLine cli, ParseResult parsed) -> {
            Console console = console(cli);
            int code = ExitCodes.of(ex);
            String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            if (!(ex instanceof PgCarryException) && !(ex instanceof EmbeddedPostgresException)) {
                message = "unexpected " + ex.getClass().getSimpleName() + ": " + message + " (rerun with --verbose for details)";
            }
            String hint = RecoveryHints.after(cli.getCommandName(), ex);
            List<String> alsoFailed = Arrays.stream(ex.getSuppressed()).map(s -> String.valueOf(s.getMessage()).replace('\n', ' ')).toList();
            Object report = ex instanceof ChecksFailedException checks ? checks.report() : null;
            console.error(message.replace('\n', ' ') + (hint == null ? "" : "; " + hint), code, alsoFailed, report);
            if (console.verbose()) {
                ex.printStackTrace(console.err());
                console.err().flush();
            }
            return code;
        };
    }
}
