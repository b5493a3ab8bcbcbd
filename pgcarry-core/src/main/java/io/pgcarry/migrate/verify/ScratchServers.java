package io.pgcarry.migrate.verify;

/** Starts {@link ScratchServer}s: pgcarry's embedded PostgreSQL by default, any other server a caller provides. */
@FunctionalInterface
public interface ScratchServers {
    /** A new server of major version {@code major}; an error says in one line why there is none. */
    ScratchServer start(int major);

    /** pgcarry's embedded PostgreSQL, whose binaries are fetched through Maven when they are not on this machine. */
    static ScratchServers embedded() {
        return EmbeddedScratch::start;
    }
}
