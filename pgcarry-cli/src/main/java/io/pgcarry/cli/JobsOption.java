package io.pgcarry.cli;

import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.parallel.DefaultJobs;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --jobs N}, the same for every command that works in parallel; its default comes from {@link DefaultJobs}. */
public final class JobsOption {
    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Parallel workers (default: the cores of this machine when the servers run on it, else "
                    + DefaultJobs.REMOTE + ").")
    Integer jobs;

    /** The number given, or the default for these servers, said on stderr when it is a default. */
    int resolve(Console console, ConnectionSpec... servers) {
        if (jobs != null) {
            if (jobs < 1) {
                throw new ConfigurationException("--jobs must be at least 1, got " + jobs);
            }
            return jobs;
        }
        DefaultJobs chosen = DefaultJobs.forServers(List.of(servers));
        console.info("jobs: " + chosen.jobs() + " (" + chosen.reason() + "; --jobs N to change)");
        return chosen.jobs();
    }
}
