package io.pgcarry.cli;

import io.pgcarry.importer.Difference;
import io.pgcarry.importer.ImportResult;
import io.pgcarry.importer.Rejection;
import io.pgcarry.report.Counts;
import io.pgcarry.report.Problem;

/** Human-readable renderings of import results. */
final class ImportReports {
    private ImportReports() {
    }

    static String text(ImportResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.mode()).append(": ").append(Counts.of(r.records(), "record")).append(" read");
        if (r.skipped() > 0) {
            sb.append(", ").append(r.skipped()).append(" imported before (left as they are)");
        }
        sb.append(", ").append(r.rejected()).append(" rejected\n");
        r.snapshot().forEach(f -> sb.append("  ").append(f.file()).append("  sha256 ").append(f.sha256()).append("  ")
                .append(Counts.of(f.records(), "record")).append('\n'));
        for (Rejection x : r.rejections()) {
            sb.append("ERROR   ").append(x.line()).append('\n');
        }
        for (Problem p : r.warnings()) {
            sb.append("WARNING ").append(p.code()).append(' ').append(p.object()).append(" (").append(Counts.of(p.affectedRows(), "record"))
                    .append("): ").append(p.message()).append('\n');
        }
        r.rowsWritten().forEach((table, rows) -> sb.append("  ").append(table).append(": ").append(Counts.of(rows, "row")).append(" written\n"));
        if (r.parity() != null) {
            parity(sb, r.parity());
        }
        sb.append(r.mode()).append(": ").append(r.passed() ? "PASS" : "FAIL");
        if (!r.passed() && r.run() == null && !r.mode().equals("verify")) {
            sb.append(" (nothing was written)");
        }
        return sb.toString();
    }

    private static void parity(StringBuilder sb, ImportResult.ParityResult p) {
        if (p.ok()) {
            sb.append("parity: ").append(Counts.of(p.records(), "record")).append(p.provedByRun() == null ? " compared"
                    : " proven by import run " + p.provedByRun() + " (the mapping file, the input files and the tables hash as they did then;"
                    + " --record-by-record compares them again)").append("; differences: []\n");
            return;
        }
        sb.append("parity: ").append(Counts.of(p.differenceCount(), "difference")).append(" (").append(p.differences().size())
                .append(" listed)\ndifferences:\n");
        for (Difference d : p.differences()) {
            sb.append("  - {file: ").append(d.file()).append(", record: ").append(d.record()).append(", path: ").append(d.path())
                    .append(", table: ").append(d.table()).append(", key: ").append(d.key()).append(", column: ").append(d.column())
                    .append(", expected: ").append(d.expected()).append(", actual: ").append(d.actual()).append("}\n");
        }
    }
}
