package io.pgcarry.cli;

import io.pgcarry.migrate.verify.Drift;
import io.pgcarry.migrate.verify.VerifyResult;
import io.pgcarry.report.Counts;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Human-readable rendering of {@code migrate verify}: the status table, the replay, the drift, one summary line. */
final class MigrateVerifyReports {
    private MigrateVerifyReports() {
    }

    static String verify(VerifyResult r) {
        StringBuilder sb = new StringBuilder(MigrateReports.status(r.status())).append("\n\n");
        sb.append(replay(r)).append('\n');
        if (r.searchPath() != null) {
            sb.append("search path: ").append(r.searchPath()).append(" (the ledger's schema)\n");
        }
        if (!r.missingExtensions().isEmpty()) {
            sb.append("missing extensions: ").append(String.join(", ", r.missingExtensions()))
                    .append(" (not on the throw-away server: what needs them is not compared)\n");
        }
        list(sb, "notes", r.notes());
        list(sb, "not compared, they need a missing extension", r.excluded());
        sb.append(drift(r.drift()));
        list(sb, "not compared, pgcarry does not model them", r.notCompared());
        sb.append('\n').append(summary(r));
        return sb.toString();
    }

    private static String replay(VerifyResult r) {
        String pending = r.pendingIncluded() ? ", pending ones included"
                : r.pendingLeftOut() == 0 ? "" : "; " + Counts.of(r.pendingLeftOut(), "migration") + " not applied, not replayed"
                + " (--include-pending replays " + (r.pendingLeftOut() == 1 ? "it)" : "them)");
        return String.format(Locale.ROOT, "schema: replayed %s on a throw-away PostgreSQL %s (started in %.1f s)%s",
                Counts.of(r.replayed(), "migration"), r.server().version(), r.server().startSeconds(), pending);
    }

    private static String drift(List<Drift> drift) {
        if (drift.isEmpty()) {
            return "drift: none, the target's schema is what the files make\n";
        }
        StringBuilder sb = new StringBuilder("drift (").append(drift.size()).append("):\n");
        int width = drift.stream().mapToInt(d -> d.change().description().length()).max().orElse(0);
        for (Drift d : drift) {
            sb.append(String.format(Locale.ROOT, "  %-" + width + "s  %s %s%n", d.change().description(), d.kind(), d.name()));
            for (Drift.Attribute a : d.attributes()) {
                sb.append("      ").append(a.attribute()).append(": ").append(oneLine(a.files())).append(" (files) vs ")
                        .append(oneLine(a.target())).append(" (target)\n");
            }
        }
        return sb.toString();
    }

    private static void list(StringBuilder sb, String heading, List<String> lines) {
        if (!lines.isEmpty()) {
            sb.append(heading).append(" (").append(lines.size()).append("):\n");
            lines.forEach(line -> sb.append("  ").append(line).append('\n'));
        }
    }

    /** {@code migrate verify: FAIL - 1 pending migration; drift in 2 objects: 1 missing in the target, 1 changed}. */
    static String summary(VerifyResult r) {
        String status = r.status().upToDate() ? Counts.of(r.status().migrations().size(), "migration") + " applied as on disk"
                : faults(r);
        String drift = r.noDrift() ? "no drift" : "drift in " + Counts.of(r.drift().size() + r.notCompared().size(), "object") + ": "
                + List.of(Drift.Change.values()).stream().filter(c -> r.count(c) > 0)
                .map(c -> r.count(c) + " " + c.description()).collect(Collectors.joining(", "))
                + (r.notCompared().isEmpty() ? "" : (r.drift().isEmpty() ? "" : ", ") + r.notCompared().size() + " not compared");
        return "migrate verify: " + (r.clean() ? "OK" : "FAIL") + " - " + status + "; " + drift;
    }

    private static String faults(VerifyResult r) {
        return r.status().counts().entrySet().stream().filter(e -> !e.getKey().equals("applied") && !e.getKey().equals("line-endings-only"))
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    private static String oneLine(String value) {
        if (value == null) {
            return "none";
        }
        String line = value.strip().replaceAll("\\s+", " ");
        return line.length() > 100 ? line.substring(0, 97) + "..." : line;
    }
}
