package io.pgcarry.migrate;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One migration as the tool's ledger records it: at most one per {@link #id()}, the tool's {@link ToolSupport}
 * having already applied its own rules for several rows of one migration (the latest wins, rolled-back rows
 * are set apart...).
 *
 * @param id         what matches it with a {@link LocalMigration}, in the same form
 * @param version    the version as shown to people
 * @param name       its name as recorded, or null when the ledger records none
 * @param order      where the tool ran it, as {@link LocalMigration#order()}
 * @param outcome    what the ledger says happened
 * @param checksum   the checksum recorded, as the tool wrote it, or null when it records none
 * @param lfChecksum the SHA-256 of the content with LF line endings when the ledger records it (pgcarry's), or null
 * @param appliedAt  when it was applied (or started), or null when the ledger does not say
 * @param note       what else the ledger says about it (a failure's log line), or null
 */
public record LedgerEntry(String id, String version, String name, VersionKey order, Outcome outcome, String checksum,
                          String lfChecksum, OffsetDateTime appliedAt, String note) {
    /** What a ledger says happened to a migration. */
    public enum Outcome {
        /** It ran to the end. */
        APPLIED,
        /** It started and did not finish (Prisma's NULL finished_at, golang-migrate's dirty, Flyway's success false). */
        FAILED,
        /** It was marked rolled back (Prisma's rolled_back_at, goose's is_applied false): the tool runs it again. */
        ROLLED_BACK,
        /** A baseline marker: the tool counts it and everything before it as applied without running them. */
        BASELINE
    }

    public LedgerEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** An applied migration of a ledger that records nothing but its version. */
    public static LedgerEntry applied(String id, String version, VersionKey order, OffsetDateTime appliedAt) {
        return new LedgerEntry(id, version, null, order, Outcome.APPLIED, null, null, appliedAt, null);
    }

    /** The same entry with {@code note}. */
    public LedgerEntry withNote(String note) {
        return new LedgerEntry(id, version, name, order, outcome, checksum, lfChecksum, appliedAt, note);
    }
}
