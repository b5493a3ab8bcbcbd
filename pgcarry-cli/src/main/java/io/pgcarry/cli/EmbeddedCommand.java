package io.pgcarry.cli;

import io.pgcarry.embedded.EmbeddedPostgres;
import io.pgcarry.embedded.PostgresVersion;
import io.pgcarry.error.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pgcarry embedded}: a throw-away PostgreSQL server on this machine. */
@Command(name = "embedded", mixinStandardHelpOptions = true, description = "Run a throw-away PostgreSQL server (for demos and trials).",
        subcommands = EmbeddedCommand.Start.class)
final class EmbeddedCommand extends BaseCommand {
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start a server, print its URL, and serve until Ctrl-C; then remove everything.")
    static final class Start extends BaseCommand {
        @Option(names = "--pg", paramLabel = "MAJOR", defaultValue = "" + PostgresVersion.DEFAULT_MAJOR,
                description = "PostgreSQL major version: 13, 14, 15, 16, 17 or 18 (default: ${DEFAULT-VALUE}; 13, 14 and 17 ship with the build).")
        int major;

        @Option(names = "--port", paramLabel = "PORT", defaultValue = "0", description = "TCP port (default: a free one).")
        int port;

        @Override
        public Integer call() throws InterruptedException {
            if (port < 0 || port > 65535) {
                throw new ConfigurationException("--port must be between 1 and 65535, got " + port);
            }
            PostgresVersion version = PostgresVersion.ofMajor(major);
            console().info("starting PostgreSQL " + version + "...");
            EmbeddedPostgres server = EmbeddedPostgres.start(major, port);
            Console console = console();
            // Ctrl-C ends the JVM through its shutdown hooks (exit 130); this one says, in one line, that all is gone.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                console.info("stopped PostgreSQL " + server.version() + " and removed its directory");
            }, "pgcarry-embedded-start-stop"));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("url", server.url("postgres"));
            result.put("version", server.version().binaries());
            result.put("port", server.port());
            console().finish(result, server.url("postgres"), ExitCodes.OK);
            console().info("PostgreSQL " + server.version() + " serving on port " + server.port()
                    + " (trusts loopback connections; data is thrown away); press Ctrl-C to stop");
            Thread.currentThread().join();
            return ExitCodes.OK;
        }
    }
}
