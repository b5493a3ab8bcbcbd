package io.pgcarry.cli;

import io.pgcarry.migrate.MigrationRow;
import io.pgcarry.migrate.MigrationStatus;
import io.pgcarry.report.Counts;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Human-readable rendering of {@code migrate status}. */
final class MigrateReports {
    private MigrateReports() {
    }

    static String status(MigrationStatus s) {
        StringBuilder sb = new StringBuilder();
        sb.append("tool:      ").append(s.tool()).append(" (").append(s.detectedBy()).append(")\n");
        sb.append("directory: ").append(s.directory()).append('\n');
        sb.append("ledger:    ").append(s.ledger() == null ? "none yet: nothing was applied" : s.ledger()).append("\n\n");
        sb.append(table(s.migrations()));
        sb.append("\nmigrate status: ").append(s.upToDate() ? "OK" : "FAIL").append(" - ").append(summary(s.migrations().size(), s.counts()));
        return sb.toString();
    }

    private static String table(List<MigrationRow> rows) {
        if (rows.isEmpty()) {
            return "no migrations in the directory or the ledger\n";
        }
        int version = width(rows.stream().map(MigrationRow::version).toList(), "version");
        int name = Math.min(40, width(rows.stream().map(MigrationRow::name).toList(), "name"));
        int state = width(rows.stream().map(r -> r.state().label()).toList(), "state");
        String format = "%-" + version + "s  %-" + name + "s  %-" + state + "s  %s";
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, format, "version", "name", "state", "note").stripTrailing())
                .append('\n');
        for (MigrationRow r : rows) {
            String shownName = r.name().length() > name ? r.name().substring(0, name - 1) + "…" : r.name();
            sb.append(String.format(Locale.ROOT, format, r.version(), shownName, r.state(), r.note() == null ? "" : r.note())
                    .stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    private static int width(List<String> values, String header) {
        return Math.max(header.length(), values.stream().mapToInt(String::length).max().orElse(0));
    }

    /** {@code 8 migrations: 3 applied, 1 modified, 4 pending}. */
    static String summary(int total, Map<String, Integer> counts) {
        String parts = counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
        return Counts.of(total, "migration") + (parts.isEmpty() ? "" : ": " + parts);
    }
}
