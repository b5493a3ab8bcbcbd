package io.pgcarry.rehearse;

import com.fasterxml.jackson.annotation.JsonValue;

/** PostgreSQL's table lock modes, weakest first, with what each one blocks while it is held. */
public enum LockMode {
    ACCESS_SHARE("AccessShareLock"),
    ROW_SHARE("RowShareLock"),
    ROW_EXCLUSIVE("RowExclusiveLock"),
    SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock"),
    SHARE("ShareLock"),
    SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock"),
    EXCLUSIVE("ExclusiveLock"),
    ACCESS_EXCLUSIVE("AccessExclusiveLock");

    private final String catalogName;

    LockMode(String catalogName) {
        this.catalogName = catalogName;
    }

    /** The mode as {@code pg_locks.mode} names it ({@code AccessExclusiveLock}); null for an unknown name. */
    public static LockMode ofCatalog(String name) {
        for (LockMode mode : values()) {
            if (mode.catalogName.equals(name)) {
                return mode;
            }
        }
        return null;
    }

    /** SHARE and above: it blocks writes to the table at least. */
    public boolean strong() {
        return compareTo(SHARE) >= 0;
    }

    /** Whether plain SELECTs (ACCESS SHARE) wait for it. */
    public boolean blocksReads() {
        return this == ACCESS_EXCLUSIVE;
    }

    /** Whether INSERT, UPDATE and DELETE (ROW EXCLUSIVE) wait for it. */
    public boolean blocksWrites() {
        return strong();
    }

    /** The name as the documentation writes it: {@code ACCESS EXCLUSIVE}. */
    @JsonValue
    public String label() {
        return name().replace('_', ' ');
    }

    /** What it blocks, in a report's words: {@code blocks reads and writes}. */
    public String blocks() {
        return blocksReads() ? "blocks reads and writes" : blocksWrites() ? "blocks writes" : "blocks no reads or writes";
    }

    @Override
    public String toString() {
        return label();
    }
}
