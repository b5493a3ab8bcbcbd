package io.pgcarry.cli;

import io.pgcarry.report.Counts;
import io.pgcarry.tables.Maintenance;
import io.pgcarry.tables.TableUsage;
import io.pgcarry.tables.TablesReport;
import io.pgcarry.tables.Verdict;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Human-readable rendering of {@code pgcarry tables}: a header, one line per table with its reasons under it, a summary. */
final class TablesReports {
    private static final String INDENT = "            ";

    private TablesReports() {
    }

    static String render(TablesReport r) {
        StringBuilder sb = new StringBuilder(header(r)).append('\n');
        int width = Math.max("table".length(), r.tables().stream().mapToInt(t -> t.table().length()).max().orElse(0));
        String format = "%-10s  %-" + width + "s  %12s  %9s  %9s  %9s  %9s  %9s  %9s  %s";
        sb.append(String.format(Locale.ROOT, format, "verdict", "table", "rows", "size", "inserted", "updated", "deleted",
                "seq scans", "idx scans", r.source() == null ? "" : "SOURCE").stripTrailing()).append('\n');
        for (TableUsage t : r.tables()) {
            sb.append(String.format(Locale.ROOT, format, t.verdict().label(), t.table(), rows(t), Reports.bytes(t.totalBytes()),
                    t.activity().inserted(), t.activity().updated(), t.activity().deleted(), t.activity().seqScans(),
                    t.activity().idxScans(), inSource(t)).stripTrailing()).append('\n');
            details(t).forEach(line -> sb.append(INDENT).append(line).append('\n'));
        }
        return sb.append(summary(r)).toString();
    }

    private static String header(TablesReport r) {
        StringBuilder sb = new StringBuilder("tables of ").append(r.target()).append(" (PostgreSQL ")
                .append(r.serverVersion() / 10000).append("), read as ").append(r.user()).append('\n');
        sb.append(r.statsReset() == null ? "writes and scans counted since the statistics began (never reset)"
                : "writes and scans counted since the statistics reset at " + time(r.statsReset())).append('\n');
        sb.append("rows: ~ marks the server's estimate (pg_class.reltuples, or n_live_tup where never measured); --exact counts them\n");
        if (r.source() != null) {
            sb.append("SOURCE: ").append(r.source()).append('\n');
        }
        return sb.toString();
    }

    private static String rows(TableUsage t) {
        return (t.rowSource().estimated() ? "~" : "") + t.rows();
    }

    private static String inSource(TableUsage t) {
        return t.inSource() == null ? "" : t.inSource() ? "has it" : "not in SOURCE";
    }

    /** The reasons, then what goes with the table if it is dropped, then its maintenance. */
    private static List<String> details(TableUsage t) {
        List<String> lines = new ArrayList<>(t.reasons());
        if (t.partitioned()) {
            lines.add("partitioned: " + Counts.of(t.partitions(), "partition") + ", summed");
        }
        if (!t.foreignKeysOut().isEmpty()) {
            lines.add("foreign keys to other tables: " + t.foreignKeysOut().stream()
                    .map(k -> k.constraint() + " -> " + k.to()).collect(Collectors.joining(", ")));
        }
        if (!t.triggers().isEmpty()) {
            lines.add("own triggers: " + String.join(", ", t.triggers()));
        }
        if (!t.policies().isEmpty()) {
            lines.add("own policies: " + String.join(", ", t.policies()));
        }
        lines.add(maintenance(t.maintenance()));
        return lines;
    }

    private static String maintenance(Maintenance m) {
        return "last vacuum " + time(m.lastVacuum()) + ", autovacuum " + time(m.lastAutovacuum()) + ", analyze "
                + time(m.lastAnalyze()) + ", autoanalyze " + time(m.lastAutoanalyze());
    }

    private static String time(Instant instant) {
        return instant == null ? "never" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String summary(TablesReport r) {
        StringBuilder sb = new StringBuilder("\n").append(Counts.of(r.tables().size(), "table")).append(": ");
        List<String> parts = new ArrayList<>();
        for (Verdict verdict : Verdict.values()) {
            parts.add(r.count(verdict) + " " + verdict.label());
        }
        sb.append(String.join(", ", parts));
        if (r.source() != null) {
            List<TableUsage> missing = r.tables().stream().filter(t -> Boolean.FALSE.equals(t.inSource())).toList();
            sb.append("; ").append(missing.size()).append(" not in SOURCE, ")
                    .append(missing.stream().filter(t -> t.verdict() == Verdict.UNUSED).count()).append(" of them unused");
        }
        if (!r.leftOut().isEmpty()) {
            sb.append("\nleft out, migration history of a tool: ").append(String.join(", ", r.leftOut()));
        }
        r.notes().forEach(note -> sb.append("\nnote: ").append(note));
        return sb.toString();
    }
}
