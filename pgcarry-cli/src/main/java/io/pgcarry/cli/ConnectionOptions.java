package io.pgcarry.cli;

import io.pgcarry.connect.ConnectionResolver;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.Connector;
import io.pgcarry.connect.EndpointSource;
import io.pgcarry.connect.Profiles;
import io.pgcarry.error.ConfigurationException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options shared by every command that connects: profile, configuration file and timeout. */
public final class ConnectionOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Take the connections from this profile of the configuration file.")
    String profile;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file with profiles (default: ./pgcarry.yaml).")
    Path config;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Give up connecting after this many seconds (default: ${DEFAULT-VALUE}).")
    int connectTimeout;

    @Option(names = "--lock-wait-timeout", paramLabel = "TIME",
            description = "Stop, naming who holds it, when a lock on a table to read cannot be had within TIME (500ms, 30s, 2min); "
                    + "by default wait as long as it takes, as pg_dump does.")
    String lockWaitTimeout;

    Connector connector() {
        if (connectTimeout < 1) {
            throw new ConfigurationException("--connect-timeout must be at least 1 second, got " + connectTimeout);
        }
        return new Connector(connectTimeout, lockWaitTimeout == null ? null : TimeSpans.parse(lockWaitTimeout, "--lock-wait-timeout"));
    }

    /**
     * A database given as a positional argument (the older spelling of {@code schema dump} and {@code diff}): a URL,
     * keyword/value pairs, or {@code $NAME} for an environment variable holding either. The argument is not echoed in
     * errors: it may be a mistyped URL with its password.
     */
    ConnectionSpec positional(String argument) {
        if (profile != null) {
            throw new ConfigurationException("give the database either as an argument or with --profile, not both");
        }
        return database(argument);
    }

    /**
     * A further database given as the value of an option ({@code tables --only-in-target-of}), in the forms of a
     * positional argument; a profile may give the others.
     */
    ConnectionSpec database(String argument) {
        if (argument.startsWith("$")) {
            return announced(ConnectionResolver.system().resolve(new EndpointSource.EnvVariable(argument.substring(1))));
        }
        if (!argument.contains("://") && !argument.contains("=")) {
            throw new ConfigurationException("a database argument is neither a postgresql:// URL, keyword=value pairs "
                    + "(host=... dbname=...) nor a $VARIABLE holding one");
        }
        return announced(ConnectionResolver.system().resolve(new EndpointSource.Url(argument)));
    }

    /** The source: the positional argument when given (and then no --from option), else the --from options or profile. */
    ConnectionSpec source(FromOptions from, String positional) {
        return positional == null ? source(from) : positionalInstead(positional, from.given(), "source", "--from");
    }

    /** The target: the positional argument when given (and then no --to option), else the --to options or profile. */
    ConnectionSpec target(ToOptions to, String positional) {
        return positional == null ? target(to) : positionalInstead(positional, to.given(), "target", "--to");
    }

    private ConnectionSpec positionalInstead(String positional, boolean optionsGiven, String side, String option) {
        if (optionsGiven) {
            throw new ConfigurationException("give the " + side + " database either as an argument or with " + option + ", not both");
        }
        return positional(positional);
    }

    ConnectionSpec source(FromOptions from) {
        return resolve("from", from.url, from.env, from.envFile, from.variable);
    }

    ConnectionSpec target(ToOptions to) {
        return resolve("to", to.url, to.env, to.envFile, to.variable);
    }

    /**
     * Resolves one side from its own options or, when they are all absent, from the profile.
     *
     * @param side "from" or "to", as in the option names
     */
    private ConnectionSpec resolve(String side, String url, String envName, Path envFile, String variable) {
        EndpointSource source = source(side, url, envName, envFile, variable);
        return announced(ConnectionResolver.system().resolve(source));
    }

    /** Says on stderr what the user should know about a connection (a pooled URL, an unsafe .pgpass) before using it. */
    private ConnectionSpec announced(ConnectionSpec spec) {
        if (command != null) {
            spec.warnings().forEach(Main.console(command.commandLine())::warn);
        }
        return spec;
    }

    private EndpointSource source(String side, String url, String envName, Path envFile, String variable) {
        int given = (url != null ? 1 : 0) + (envName != null ? 1 : 0) + (envFile != null ? 1 : 0);
        if (given > 1) {
            throw new ConfigurationException("give only one of --" + side + ", --" + side + "-env and --" + side + "-env-file");
        }
        if (variable != null && envFile == null) {
            throw new ConfigurationException("--" + side + "-var needs --" + side + "-env-file FILE");
        }
        if (url != null) {
            return new EndpointSource.Url(url);
        }
        if (envName != null) {
            return new EndpointSource.EnvVariable(envName);
        }
        if (envFile != null) {
            if (variable == null) {
                throw new ConfigurationException("--" + side + "-env-file needs --" + side + "-var NAME, the variable holding the URL");
            }
            return new EndpointSource.EnvFile(envFile, variable);
        }
        if (profile != null) {
            return Profiles.load(config != null ? config : Path.of(Profiles.DEFAULT_FILE)).get(profile).side(side);
        }
        throw new ConfigurationException("no " + side + " database given; use --" + side + " URL, --" + side
                + "-env NAME, --" + side + "-env-file FILE --" + side + "-var NAME, or --profile NAME");
    }
}
