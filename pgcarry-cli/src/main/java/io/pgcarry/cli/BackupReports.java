package io.pgcarry.cli;

import io.pgcarry.report.Counts;
import io.pgcarry.backup.ArchiveShelf;
import io.pgcarry.backup.BackupResult;
import io.pgcarry.backup.RestoreResult;
import io.pgcarry.backup.RestoredTable;
import io.pgcarry.backup.SmokeResult;
import io.pgcarry.backup.Verification;
import java.util.List;
import java.util.Locale;

/** Human-readable renderings of backup, verify, list and restore results. */
final class BackupReports {
    private BackupReports() {
    }

    static String backup(BackupResult r) {
        return String.format(Locale.ROOT, "archive %s%nbacked up %s: %s, %s, %s%s; data %s, archive %s; %.1f s",
                r.archive(), r.database(), Counts.of(r.tables(), "table"), Counts.of(r.rows(), "row"), Counts.of(r.sequences(), "sequence"),
                r.largeObjects() > 0 ? ", " + Counts.of(r.largeObjects(), "large object") : "", Reports.bytes(r.dataBytes()),
                Reports.bytes(r.archiveBytes()), r.seconds())
                + (r.dataExcluded().isEmpty() ? "" : String.format(Locale.ROOT, "%nrows left out (--exclude-table-data): %s",
                String.join(", ", r.dataExcluded())));
    }

    static String verification(Verification v) {
        StringBuilder sb = new StringBuilder();
        for (String problem : v.problems()) {
            sb.append("FAIL   ").append(problem).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "verify%s %s: %s - %s, %s checked%s in %.1f s", v.deep() ? " --deep" : "",
                v.archive(), v.passed() ? "PASS" : "FAIL (" + Counts.of(v.problems().size(), "problem") + ")", Counts.of(v.files(), "data file"),
                Reports.bytes(v.bytes()), v.deep() ? ", " + Counts.of(v.rows(), "row") + " counted," : "", v.seconds()));
        if (v.origin() != null) {
            sb.append('\n').append(v.origin());
        }
        return sb.toString();
    }

    static String list(List<ArchiveShelf.Entry> entries) {
        if (entries.isEmpty()) {
            return "no archives";
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-21s %-20s %10s %7s %12s  %-28s %s%n", "time (UTC)", "database",
                "size", "tables", "rows", "last verify", "archive"));
        for (ArchiveShelf.Entry e : entries) {
            String verify = e.lastVerify() == null ? "never"
                    : (e.lastVerify().passed() ? "passed " : "FAILED ") + e.lastVerify().verifiedAt() + (e.lastVerify().deep() ? " deep" : "");
            if (e.unreadable() != null) {
                sb.append(String.format(Locale.ROOT, "%-21s %-20s %10s %7s %12s  %-28s %s%n", "?", "?", Reports.bytes(e.bytes()), "?", "?",
                        verify, e.archive().getFileName() + " (unreadable: " + e.unreadable() + ")"));
            } else {
                sb.append(String.format(Locale.ROOT, "%-21s %-20s %10s %7d %12d  %-28s %s%n", e.createdAt(), e.database(),
                        Reports.bytes(e.bytes()), e.tables(), e.rows(), verify, e.archive().getFileName()));
            }
        }
        sb.append(entries.size()).append(entries.size() == 1 ? " archive" : " archives");
        return sb.toString();
    }

    static String restore(RestoreResult r) {
        StringBuilder sb = new StringBuilder();
        if (r.cleaned() > 0) {
            sb.append("removed first (--clean): ").append(r.cleaned()).append(" objects\n");
        }
        sb.append(String.format(Locale.ROOT, "%-6s %-50s %12s %12s%n", "", "table", "archived", "restored"));
        for (RestoredTable t : r.tables()) {
            sb.append(String.format(Locale.ROOT, "%-6s %-50s %12d %12d%n", t.passed() ? "PASS" : "FAIL", t.table(), t.expectedRows(), t.rows()));
            if (!t.passed() && t.expectedRows() == t.rows() && t.expectedHash() != null) {
                sb.append("       content differs from the archive (hash ").append(t.expectedHash()).append(" vs ").append(t.hash()).append(")\n");
            }
        }
        if (r.largeObjects() != null) {
            sb.append(Reports.largeObjects(r.largeObjects(), "archive"));
        }
        for (SmokeResult s : r.smoke()) {
            sb.append(String.format(Locale.ROOT, "%-6s smoke line %d: %s -> %s%n", s.passed() ? "PASS" : "FAIL", s.line(), s.query(),
                    s.error() != null ? s.error() : Counts.of(s.rows(), "row") + (s.expectedRows() == null ? "" : " (expected " + s.expectedRows() + ")")));
        }
        sb.append(String.format(Locale.ROOT, "restore of %s: %s - %s, %s, %s, %s%s; %s in %.1f s",
                r.archive().getFileName(), r.passed() ? "PASS" : "FAIL", Counts.of(r.tables().size(), "table"), Counts.of(r.rows(), "row"),
                Counts.of(r.schemaStatements(), "schema statement"), Counts.of(r.sequences(), "sequence"),
                r.refreshed() > 0 ? ", " + Counts.of(r.refreshed(), "materialized view") : "",
                r.format().equals("pgcarry") ? "validated against the archive's counts and content hashes" : "row counts checked against the COPY blocks",
                r.seconds()));
        if (r.origin() != null) {
            sb.append('\n').append(r.origin());
        }
        sb.append('\n').append(Reports.schema(r.schema()));
        return sb.toString();
    }
}
