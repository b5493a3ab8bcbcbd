package io.pgcarry.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How the target database is given. */
public final class ToOptions {
    @Option(names = "--to", paramLabel = "URL", description = "Target: postgresql://user:password@host:port/db or 'host=... dbname=... user=...'")
    String url;

    @Option(names = "--to-env", paramLabel = "NAME", description = "Environment variable holding the target URL.")
    String env;

    @Option(names = "--to-env-file", paramLabel = "FILE", description = "Dotenv file holding the target URL (with --to-var).")
    Path envFile;

    @Option(names = "--to-var", paramLabel = "NAME", description = "Variable of --to-env-file holding the target URL.")
    String variable;

    /** Whether any of these options was given. */
    boolean given() {
        return url != null || env != null || envFile != null || variable != null;
    }
}
