package io.pgcarry.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How the source database is given. */
public final class FromOptions {
    @Option(names = "--from", paramLabel = "URL", description = "Source: postgresql://user:password@host:port/db or 'host=... dbname=... user=...'")
    String url;

    @Option(names = "--from-env", paramLabel = "NAME", description = "Environment variable holding the source URL.")
    String env;

    @Option(names = "--from-env-file", paramLabel = "FILE", description = "Dotenv file holding the source URL (with --from-var).")
    Path envFile;

    @Option(names = "--from-var", paramLabel = "NAME", description = "Variable of --from-env-file holding the source URL.")
    String variable;

    /** Whether any of these options was given. */
    boolean given() {
        return url != null || env != null || envFile != null || variable != null;
    }
}
