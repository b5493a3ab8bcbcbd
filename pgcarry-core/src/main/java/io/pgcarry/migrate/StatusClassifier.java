package io.pgcarry.migrate;

import io.pgcarry.error.ConfigurationException;
import io.pgcarry.migrate.LedgerEntry.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares a directory's migrations with a ledger's, for every tool alike: one {@link MigrationRow} per migration,
 * in the tool's order. Pure: no files, no database.
 */
public final class StatusClassifier {
    private final OrderPolicy policy;
    private final String lateNote;

    /**
     * @param policy   what the tool does with a pending migration older than the newest applied one
     * @param lateNote the note such a migration gets, in the tool's terms
     */
    public StatusClassifier(OrderPolicy policy, String lateNote) {
        this.policy = policy;
        this.lateNote = lateNote;
    }

    /** The rows for these migrations on disk and this ledger (empty when the tool never ran). */
    public List<MigrationRow> classify(List<LocalMigration> local, List<LedgerEntry> ledger) {
        Map<String, LocalMigration> files = byId(local);
        Map<String, LedgerEntry> entries = new LinkedHashMap<>();
        for (LedgerEntry entry : ledger) {
            if (entries.putIfAbsent(entry.id(), entry) != null) {
                throw new IllegalArgumentException("two ledger entries for " + entry.id());
            }
        }
        // The newest applied: a failed one ran in part at most (Sqitch's failed deploy not at all), and tools that
        // record one stop at it anyway.
        Optional<LedgerEntry> newest = ledger.stream()
                .filter(e -> e.outcome() != Outcome.ROLLED_BACK && e.outcome() != Outcome.FAILED && !e.order().repeatable())
                .max(Comparator.comparing(LedgerEntry::order));
        List<Ordered> rows = new ArrayList<>();
        for (LocalMigration migration : files.values()) {
            rows.add(new Ordered(migration.order(), onDisk(migration, entries.get(migration.id()), newest)));
        }
        for (LedgerEntry entry : entries.values()) {
            if (!files.containsKey(entry.id()) && entry.outcome() != Outcome.ROLLED_BACK) {
                rows.add(new Ordered(entry.order(), ledgerOnly(entry)));
            }
        }
        rows.sort(Comparator.comparing(Ordered::order).thenComparing(o -> o.row().version()));
        return rows.stream().map(Ordered::row).toList();
    }

    private static Map<String, LocalMigration> byId(List<LocalMigration> local) {
        Map<String, LocalMigration> files = new LinkedHashMap<>();
        for (LocalMigration migration : local) {
            LocalMigration other = files.putIfAbsent(migration.id(), migration);
            if (other != null) {
                throw new ConfigurationException("two migrations have version " + migration.version() + ": "
                        + other.files().get(0) + " and " + migration.files().get(0) + "; the tool refuses such a directory, "
                        + "so rename one");
            }
        }
        return files;
    }

    private MigrationRow onDisk(LocalMigration file, LedgerEntry entry, Optional<LedgerEntry> newest) {
        if (entry == null || entry.outcome() == Outcome.ROLLED_BACK) {
            return notApplied(file, entry, newest);
        }
        if (entry.outcome() == Outcome.FAILED) {
            return row(file, entry, MigrationState.FAILED, join("started, not finished", entry.note()));
        }
        if (entry.outcome() == Outcome.BASELINE) {
            return row(file, entry, MigrationState.APPLIED, join("baseline: marked applied, never run", entry.note()));
        }
        return compared(file, entry);
    }

    private MigrationRow notApplied(LocalMigration file, LedgerEntry rolledBack, Optional<LedgerEntry> newest) {
        if (rolledBack != null) {
            return row(file, rolledBack, MigrationState.PENDING, join("rolled back; runs again", rolledBack.note()));
        }
        if (file.order().repeatable()) {
            return row(file, null, MigrationState.PENDING, "repeatable, never ran");
        }
        if (newest.isPresent() && file.order().compareTo(newest.get().order()) < 0) {
            MigrationState state = policy == OrderPolicy.HIGH_WATER_MARK ? MigrationState.SKIPPED : MigrationState.OUT_OF_ORDER;
            return row(file, null, state, lateNote + " (newest applied: " + newest.get().version() + ")");
        }
        return row(file, null, MigrationState.PENDING, null);
    }

    /** An applied migration: the file against the checksum recorded. */
    private MigrationRow compared(LocalMigration file, LedgerEntry entry) {
        if (file.checksum() == null || entry.checksum() == null) {
            return row(file, entry, MigrationState.APPLIED, entry.note());
        }
        FileChecksum.Match match = file.checksum().match(entry.checksum());
        if (match == FileChecksum.Match.DIFFERENT && entry.lfChecksum() != null && entry.lfChecksum().equals(file.lfChecksum())) {
            return row(file, entry, MigrationState.LINE_ENDINGS_ONLY, join("line endings only", entry.note()));
        }
        return switch (match) {
            case SAME -> row(file, entry, MigrationState.APPLIED, entry.note());
            case LF_FORM -> row(file, entry, MigrationState.LINE_ENDINGS_ONLY, join("line endings only (LF→CRLF)", entry.note()));
            case CRLF_FORM -> row(file, entry, MigrationState.LINE_ENDINGS_ONLY, join("line endings only (CRLF→LF)", entry.note()));
            case DIFFERENT -> changed(file, entry);
        };
    }

    private static MigrationRow changed(LocalMigration file, LedgerEntry entry) {
        String checksums = "checksum " + shorten(entry.checksum()) + " recorded, file has " + shorten(file.checksum().shown());
        if (file.order().repeatable()) {
            return row(file, entry, MigrationState.PENDING, "repeatable, changed since it last ran: runs again; " + checksums);
        }
        if (file.rerunsWhenChanged()) {
            return row(file, entry, MigrationState.PENDING, join("changed since it last ran, and it runs again when changed; "
                    + checksums, entry.note()));
        }
        return row(file, entry, MigrationState.MODIFIED, join(checksums, entry.note()));
    }

    private static MigrationRow ledgerOnly(LedgerEntry entry) {
        String name = entry.name() == null ? "" : entry.name();
        if (entry.outcome() == Outcome.BASELINE) {
            return new MigrationRow(entry.version(), name, MigrationState.APPLIED, join("baseline: marked applied, never run",
                    entry.note()), entry.appliedAt(), null, entry.checksum(), null);
        }
        String what = entry.outcome() == Outcome.FAILED ? "failed (started, not finished) and no file" : "applied, and no file";
        return new MigrationRow(entry.version(), name, MigrationState.MISSING, join("in the ledger as " + what, entry.note()),
                entry.appliedAt(), null, entry.checksum(), null);
    }

    /** The row of a migration on disk; what its file gives to say ({@link LocalMigration#note()}) comes last. */
    private static MigrationRow row(LocalMigration file, LedgerEntry entry, MigrationState state, String note) {
        String shown = file.note() == null ? note : note == null ? file.note() : join(note, file.note());
        return new MigrationRow(file.version(), file.name(), state, shown, entry == null ? null : entry.appliedAt(),
                file.files().get(0), entry == null ? null : entry.checksum(),
                file.checksum() == null ? null : file.checksum().shown());
    }

    /** A checksum short enough for a table: SHA-256's 64 hex digits as the first 8 and an ellipsis. */
    static String shorten(String checksum) {
        return checksum.length() > 12 ? checksum.substring(0, 8) + "…" : checksum;
    }

    private static String join(String first, String second) {
        return second == null ? first : first + "; " + second;
    }

    private record Ordered(VersionKey order, MigrationRow row) {
    }
}
