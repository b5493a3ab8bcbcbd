package io.pgcarry.cli;

import io.pgcarry.lint.Finding;
import io.pgcarry.lint.LintReport;
import io.pgcarry.report.Counts;
import java.util.Locale;

/** {@code pgcarry lint}'s text: one line per finding, compiler style, then a summary. */
final class LintReports {
    private LintReports() {
    }

    static String render(LintReport report) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : report.findings()) {
            sb.append(line(f)).append('\n');
        }
        sb.append(summary(report));
        return sb.toString();
    }

    /** {@code 002_index.sql:3: error [create-index-not-concurrently] CREATE INDEX holds ... — safer: CREATE INDEX CONCURRENTLY ...}. */
    static String line(Finding f) {
        return f.file() + ":" + f.line() + ": " + f.severity().name().toLowerCase(Locale.ROOT) + " [" + f.rule().id() + "] " + f.message()
                + (f.safer() == null ? "" : " — safer: " + f.safer());
    }

    private static String summary(LintReport r) {
        String version = switch (r.versionSource()) {
            case "server" -> "PostgreSQL " + r.pgVersion() + " (the server's)";
            case "assumed" -> "PostgreSQL " + r.pgVersion() + " assumed (the oldest supported; give --pg-version or --to)";
            default -> "PostgreSQL " + r.pgVersion() + " (--pg-version)";
        };
        String sizes = r.target() == null ? "table sizes unknown (give --to)" : "table sizes from " + r.target();
        return "lint: " + (r.passed() ? "PASS" : "FAIL") + " - " + Counts.of(r.errors(), "error") + ", " + Counts.of(r.warnings(), "warning")
                + ", " + Counts.of(r.notes(), "note") + " in " + Counts.of(r.statements().size(), "statement") + " of "
                + Counts.of(r.files().size(), "file") + "; " + version + "; " + sizes;
    }
}
