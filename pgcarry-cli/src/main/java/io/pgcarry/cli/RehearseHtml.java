package io.pgcarry.cli;

import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import io.pgcarry.lint.LockMode;
import io.pgcarry.rehearse.RehearsalResult;
import io.pgcarry.rehearse.RehearsalResult.TimelineEntry;
import io.pgcarry.rehearse.Sizes;
import io.pgcarry.rehearse.StatementResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The rehearsal as one self-contained HTML file (inline CSS and SVG, nothing fetched): the statements' table and a
 * timeline per table of the locks held on it, coloured by what they block. Written as well-formed XHTML, so that any
 * XML parser can read it back.
 */
final class RehearseHtml {
    private static final int WIDTH = 900;
    private static final String CSS = """
            body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}
            td,th{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}code{font-size:12px}
            .safe{background:#e6f4e6}.blocks_writes{background:#fff3d6}.blocks_reads_and_writes,.rewrites,.fails{background:#fbdcdc}
            """;

    private RehearseHtml() {
    }

    static void write(Path file, RehearsalResult r) {
        if (file == null) {
            return;
        }
        try {
            Files.writeString(file, render(r), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot write the HTML report " + file + ": " + e.getMessage(), e);
        }
    }

    static String render(RehearsalResult r) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/><title>pgcarry rehearse</title>"
                + "<style>" + CSS + "</style></head><body>\n");
        sb.append("<h1>pgcarry rehearse: ").append(r.passed() ? "OK" : "FAILED").append("</h1>\n<p>").append(esc(r.on()))
                .append(" rehearsed on ").append(esc(r.scratch())).append(" (").append(esc(r.scratchMethod().label()))
                .append(", PostgreSQL ").append(esc(r.serverVersion())).append(")</p>\n");
        statements(sb, r.statements());
        timeline(sb, r);
        return sb.append("</body></html>\n").toString();
    }

    private static void statements(StringBuilder sb, List<StatementResult> statements) {
        sb.append("<h2>Statements</h2>\n<table><tr><th>#</th><th>file:line</th><th>statement</th><th>time</th><th>locks</th>"
                + "<th>rewrite</th><th>WAL</th><th>probe wait</th><th>verdict</th></tr>\n");
        for (int i = 0; i < statements.size(); i++) {
            StatementResult s = statements.get(i);
            sb.append("<tr class=\"").append(s.verdict().kind().json()).append("\"><td>").append(i + 1).append("</td><td>")
                    .append(esc(s.location())).append("</td><td><code>").append(esc(s.statement())).append("</code></td><td>")
                    .append(Sizes.seconds(s.seconds())).append("</td><td>")
                    .append(esc(String.join(", ", s.locks().stream().map(Object::toString).toList()))).append("</td><td>")
                    .append(s.rewrittenBytes() == 0 ? "" : Sizes.bytes(s.rewrittenBytes())).append("</td><td>").append(Sizes.bytes(s.walBytes()))
                    .append("</td><td>").append(s.probeWait() == null ? "" : Sizes.seconds(s.probeWait().seconds())).append("</td><td>")
                    .append(esc(s.verdict().text())).append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }

    private static void timeline(StringBuilder sb, RehearsalResult r) {
        List<String> tables = r.timeline().stream().map(TimelineEntry::table).distinct().sorted().toList();
        double end = Math.max(0.001, r.timeline().stream().mapToDouble(TimelineEntry::to).max().orElse(0.001));
        int height = 24 * tables.size() + 30;
        sb.append("<h2>Locks per table</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH + 220)
                .append("\" height=\"").append(height).append("\" role=\"img\">\n");
        for (int row = 0; row < tables.size(); row++) {
            String table = tables.get(row);
            int y = 10 + 24 * row;
            sb.append("<text x=\"0\" y=\"").append(y + 14).append("\">").append(esc(table)).append("</text>\n");
            for (TimelineEntry e : r.timeline().stream().filter(t -> t.table().equals(table)).toList()) {
                double x = 210 + WIDTH * e.from() / end;
                double w = Math.max(1, WIDTH * (e.to() - e.from()) / end);
                sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\">"
                        + "<title>#%d %s %s</title></rect>%n", x, y, w, colour(e.mode()), e.index() + 1, esc(e.mode().label()),
                        Sizes.seconds(e.to() - e.from())));
            }
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"210\" y=\"%d\">0 s</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                height - 4, 210 + WIDTH, height - 4, Sizes.seconds(end)));
        sb.append("</svg>\n<p>red: blocks reads and writes; orange: blocks writes; grey: blocks neither</p>\n");
    }

    private static String colour(LockMode mode) {
        return mode.blocksReads() ? "#d9534f" : mode.blocksWrites() ? "#f0ad4e" : "#bbbbbb";
    }

    static String esc(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
