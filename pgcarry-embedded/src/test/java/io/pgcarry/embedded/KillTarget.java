package io.pgcarry.embedded;

import java.util.stream.Collectors;

/** Run in a child JVM by {@link EmbeddedPostgresIT}: starts a server, reports it, then waits to be killed. */
public final class KillTarget {
    private KillTarget() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.start(17);
        String pids = pg.processIds().stream().map(String::valueOf).collect(Collectors.joining(","));
        System.out.println("READY " + pg.directory() + " " + pids);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
