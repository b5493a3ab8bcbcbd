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

    private String note;

    /**
     * The number given, or the default for these servers; a default is explained by {@link #note()}, which the
     * command prints when its work starts (not before, so that bad input still gets a one-line error).
     */
    int resolve(ConnectionSpec... servers) {
        if (jobs != null) {
            if (jobs < 1) {
                throw new ConfigurationException("--jobs must be at least 1, got " + jobs);
            }
            return jobs;
        }
        DefaultJobs chosen = DefaultJobs.forServers(List.of(servers));
        note = "jobs: " + chosen.jobs() + " (" + chosen.reason() + "; --jobs N to change)";
        return chosen.jobs();
    }

    /** Why the number of jobs is what it is, or null when the user gave it. */
    String note() {
        return note;
    }
}
