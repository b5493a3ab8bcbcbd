package io.pgcarry.parallel;

import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.connect.HostPort;
import java.util.List;
import java.util.Locale;

/**
 * How many workers to run when the user does not say. A worker keeps a server process busy on each side, so the
 * useful number is bounded by the cores the servers can use: when every server runs on this machine (loopback or a
 * Unix socket) they share its cores with pgcarry, and more workers than cores only queue; a remote server's cores
 * cannot be seen from a connection, so four, a moderate load for a managed server, is the default there.
 *
 * @param jobs   the number of workers
 * @param reason why, for a line the user reads
 */
public record DefaultJobs(int jobs, String reason) {
    /** The default for servers pgcarry cannot see the cores of. */
    public static final int REMOTE = 4;
    private static final int MOST = 8;

    public DefaultJobs {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1");
        }
    }

    /** The default for these servers, on a machine with {@code cores} cores. */
    public static DefaultJobs forServers(List<ConnectionSpec> servers, int cores) {
        boolean local = !servers.isEmpty() && servers.stream().allMatch(DefaultJobs::onThisMachine);
        if (!local) {
            return new DefaultJobs(REMOTE, "the default for servers on other machines");
        }
        int jobs = Math.max(1, Math.min(cores, MOST));
        return new DefaultJobs(jobs, "the servers run on this machine, which has " + cores + (cores == 1 ? " core" : " cores"));
    }

    /** The default for these servers, on this machine. */
    public static DefaultJobs forServers(List<ConnectionSpec> servers) {
        return forServers(servers, Runtime.getRuntime().availableProcessors());
    }

    static boolean onThisMachine(ConnectionSpec server) {
        return server.hosts().stream().allMatch(DefaultJobs::local);
    }

    private static boolean local(HostPort host) {
        String name = host.host().toLowerCase(Locale.ROOT);
        return name.startsWith("/") || name.equals("localhost") || name.startsWith("127.") || name.equals("::1");
    }
}
