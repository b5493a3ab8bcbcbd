package io.pgcarry.lint;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * PostgreSQL's table lock modes, weakest first (the order of the documentation's conflict table), so that the
 * strongest of several is the greatest. {@link #pgLocksName()} is the {@code pg_locks.mode} spelling, for comparing a
 * prediction with what a rehearsal measured. One type for both {@code lint}'s predictions and {@code rehearse}'s
 * measurements.
 */
public enum LockMode {
    ACCESS_SHARE("ACCESS SHARE", "AccessShareLock"),
    ROW_SHARE("ROW SHARE", "RowShareLock"),
    ROW_EXCLUSIVE("ROW EXCLUSIVE", "RowExclusiveLock"),
    SHARE_UPDATE_EXCLUSIVE("SHARE UPDATE EXCLUSIVE", "ShareUpdateExclusiveLock"),
    SHARE("SHARE", "ShareLock"),
    SHARE_ROW_EXCLUSIVE("SHARE ROW EXCLUSIVE", "ShareRowExclusiveLock"),
    EXCLUSIVE("EXCLUSIVE", "ExclusiveLock"),
    ACCESS_EXCLUSIVE("ACCESS EXCLUSIVE", "AccessExclusiveLock");

    private final String label;
    private final String pgLocksName;

    LockMode(String label, String pgLocksName) {
        this.label = label;
        this.pgLocksName = pgLocksName;
    }

    /** The documentation's name: {@code SHARE ROW EXCLUSIVE}. */
    @JsonValue
    public String label() {
        return label;
    }

    /** The name in {@code pg_locks.mode}: {@code ShareRowExclusiveLock}. */
    public String pgLocksName() {
        return pgLocksName;
    }

    /** Whether it makes plain {@code SELECT}s wait (only ACCESS EXCLUSIVE does). */
    public boolean blocksReads() {
        return this == ACCESS_EXCLUSIVE;
    }

    /** Whether it makes {@code INSERT}, {@code UPDATE} and {@code DELETE} wait (SHARE and stronger). */
    public boolean blocksWrites() {
        return compareTo(SHARE) >= 0;
    }

    /** SHARE and above: a strong lock, which blocks writes to the table at least. */
    public boolean strong() {
        return blocksWrites();
    }

    /** What it blocks, in a report's words: {@code blocks reads and writes}. */
    public String blocks() {
        return blocksReads() ? "blocks reads and writes" : blocksWrites() ? "blocks writes" : "blocks no reads or writes";
    }

    /** The mode of a {@code pg_locks.mode} value, or of a label; empty for row-level or unknown modes. */
    public static Optional<LockMode> parse(String name) {
        return Arrays.stream(values()).filter(m -> m.pgLocksName.equals(name) || m.label.equalsIgnoreCase(name)).findFirst();
    }

    /** The stronger of two, either of which may be null. */
    static LockMode max(LockMode a, LockMode b) {
        return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public String toString() {
        return label;
    }
}
