package io.pgcarry.connect;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises URLs that go through a connection pooler (PgBouncer in transaction mode on Supabase's port
 * 6543, Neon's {@code -pooler} hosts). COPY streams and exported snapshots need a direct session.
 */
final class PoolerDetector {
    private PoolerDetector() {
    }

    static Optional<String> warning(List<HostPort> hosts) {
        for (HostPort h : hosts) {
            boolean pooled = (h.port() != null && h.port() == 6543) || h.host().toLowerCase(Locale.ROOT).contains("-pooler");
            if (pooled) {
                return Optional.of("host " + h.label() + " looks like a connection pooler; COPY and "
                        + "snapshots need the direct connection (usually port 5432, host without -pooler)");
            }
        }
        return Optional.empty();
    }
}
