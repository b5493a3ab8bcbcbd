package io.pgcarry.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command accepts, before or after the subcommand name. */
public final class GlobalOptions {
    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces and the SQL pgcarry runs.")
    boolean verbose;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print the result as JSON on stdout; human text goes to stderr.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Print only results and errors.")
    boolean quiet;

    @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "Never use colors (also when NO_COLOR is set).")
    boolean noColor;
}
