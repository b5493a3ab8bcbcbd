package io.pgcarry.migrate.tools;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.migrate.FileChecksum;
import io.pgcarry.migrate.LedgerEntry;
import io.pgcarry.migrate.LedgerEntry.Outcome;
import io.pgcarry.migrate.LocalMigration;
import io.pgcarry.migrate.VersionKey;
import io.pgcarry.migrate.checksum.AtlasLedger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads Atlas's revisions in version order. A revision that applied fewer statements than its file has, or recorded an
 * error, is failed ({@code atlas migrate apply} resumes it); a baseline revision marks its version applied without
 * running it, and files older than the first revision are never run. Since each recorded hash is chained over every
 * earlier file, only hashes up to the first one that differs can be compared: that file was edited (or only its line
 * endings changed), unless a file before it was added or removed since, which changes every later hash alike; the
 * hashes after it are not compared, and say why.
 */
final class AtlasRevisions {
    private static final String ROWS = """
            SELECT version, description, type, applied, total, executed_at::pg_catalog.timestamptz, error, hash
              FROM %s ORDER BY version COLLATE "C\"""";

    private AtlasRevisions() {
    }

    static List<LedgerEntry> read(Connection connection, QualifiedName table, List<LocalMigration> local) throws SQLException {
        List<LedgerEntry> entries = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(ROWS.formatted(table.sql()))) {
            while (rs.next()) {
                entries.add(entry(rs));
            }
        }
        Map<String, LocalMigration> files = local.stream().collect(Collectors.toMap(LocalMigration::id, Function.identity(), (a, b) -> a));
        List<LedgerEntry> compared = new ArrayList<>(new Chain(files, entries).compare());
        compared.addAll(neverRun(files, entries));
        return compared;
    }

    private static LedgerEntry entry(ResultSet rs) throws SQLException {
        String version = rs.getString(1);
        long type = rs.getLong(3);
        long applied = rs.getLong(4);
        long total = rs.getLong(5);
        String error = rs.getString(7);
        boolean baseline = (type & AtlasLedger.TYPE_BASELINE) != 0 && (type & AtlasLedger.TYPE_EXECUTE) == 0;
        boolean failed = !baseline && (applied < total || error != null && !error.isBlank());
        Outcome outcome = baseline ? Outcome.BASELINE : failed ? Outcome.FAILED : Outcome.APPLIED;
        String note = failed ? applied + " of " + total + " statements applied" + firstLine(error) : null;
        if ((type & AtlasLedger.TYPE_RESOLVED) != 0) {
            note = note == null ? "resolved by hand (atlas migrate set)" : note + "; resolved by hand";
        }
        String hash = rs.getString(8);
        hash = hash == null || hash.isEmpty() ? null : hash.startsWith("h1:") ? hash.substring(3) : hash;
        return new LedgerEntry(version, version, rs.getString(2), VersionKey.text(version), outcome, hash, null,
                rs.getObject(6, OffsetDateTime.class), note);
    }

    /** Files older than the first revision, which Atlas never runs: it starts after its baseline (or --from). */
    private static List<LedgerEntry> neverRun(Map<String, LocalMigration> files, List<LedgerEntry> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        LedgerEntry first = entries.get(0);
        return files.values().stream().filter(m -> m.order().compareTo(first.order()) < 0)
                .filter(m -> entries.stream().noneMatch(e -> e.id().equals(m.id())))
                .map(m -> new LedgerEntry(m.id(), m.version(), m.name(), m.order(), Outcome.APPLIED, null, null, null,
                        "older than the first revision " + first.version() + ": atlas never runs it"))
                .toList();
    }

    private static String firstLine(String error) {
        if (error == null || error.isBlank()) {
            return "";
        }
        String line = error.strip().lines().filter(l -> !l.isBlank() && !l.endsWith(":")).reduce((a, b) -> b).orElse("");
        return "; error: " + (line.length() > 160 ? line.substring(0, 160) + "…" : line.strip());
    }

    /** Walks applied revisions in order, comparing hashes until the chain breaks. */
    private static final class Chain {
        private final Map<String, LocalMigration> files;
        private final List<LedgerEntry> entries;
        private String brokenBy;

        Chain(Map<String, LocalMigration> files, List<LedgerEntry> entries) {
            this.files = files;
            this.entries = entries;
        }

        List<LedgerEntry> compare() {
            Map<String, LedgerEntry> compared = new LinkedHashMap<>();
            for (LedgerEntry entry : entries) {
                LocalMigration file = files.get(entry.id());
                compared.put(entry.id(), file == null || entry.checksum() == null || file.checksum() == null
                        || entry.outcome() != Outcome.APPLIED ? entry : compared(entry, file));
            }
            return List.copyOf(compared.values());
        }

        private LedgerEntry compared(LedgerEntry entry, LocalMigration file) {
            if (brokenBy != null) {
                return unchecked(entry, brokenBy);
            }
            FileChecksum.Match match = file.checksum().match(entry.checksum());
            if (match == FileChecksum.Match.SAME) {
                return entry;
            }
            String before = changedBefore(entry);
            if (match == FileChecksum.Match.DIFFERENT && before != null) {
                brokenBy = before;
                return unchecked(entry, before);
            }
            brokenBy = file.files().get(0) + (match == FileChecksum.Match.DIFFERENT ? ", which changed" : ", whose line endings changed");
            return entry;
        }

        /** A file added or removed before this revision since it was applied: it changes this revision's chained hash. */
        private String changedBefore(LedgerEntry revision) {
            VersionKey firstRevision = entries.get(0).order();
            for (LocalMigration m : files.values()) {
                boolean between = m.order().compareTo(firstRevision) >= 0 && m.order().compareTo(revision.order()) < 0;
                if (between && entries.stream().noneMatch(e -> e.id().equals(m.id()))) {
                    return m.files().get(0) + ", added since";
                }
            }
            return entries.stream().filter(e -> e.order().compareTo(revision.order()) < 0 && !files.containsKey(e.id()))
                    .findFirst().map(e -> "the file of " + e.version() + ", removed since").orElse(null);
        }

        private static LedgerEntry unchecked(LedgerEntry entry, String cause) {
            String note = "hash not compared: atlas chains it over every earlier file, and " + cause;
            return new LedgerEntry(entry.id(), entry.version(), entry.name(), entry.order(), entry.outcome(), null, null,
                    entry.appliedAt(), entry.note() == null ? note : entry.note() + "; " + note);
        }
    }
}
