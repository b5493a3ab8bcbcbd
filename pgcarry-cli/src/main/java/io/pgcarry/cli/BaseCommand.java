package io.pgcarry.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every subcommand shares: access to the global options and the console. */
abstract class BaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    Console console() {
        return Main.console(spec.commandLine());
    }
}
