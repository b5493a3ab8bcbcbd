package io.pgcarry.cli;

import io.pgcarry.arrival.SchemaCheck;
import io.pgcarry.check.CheckReport;
import io.pgcarry.clone.CloneResult;
import io.pgcarry.copy.LockWait;
import io.pgcarry.largeobject.LargeObjectValidation;
import io.pgcarry.lint.ByteSize;
import io.pgcarry.move.MoveResult;
import io.pgcarry.move.MoveStatus;
import io.pgcarry.move.TableResult;
import io.pgcarry.ping.PingResult;
import io.pgcarry.report.Counts;
import io.pgcarry.report.Problem;
import io.pgcarry.schema.DuplicateSuggestion;
import io.pgcarry.schema.ObjectDifference;
import io.pgcarry.schema.SchemaDifferences;
import io.pgcarry.verify.ReferenceValidation;
import io.pgcarry.verify.RowDifference;
import io.pgcarry.verify.SequenceValidation;
import io.pgcarry.verify.TableValidation;
import io.pgcarry.verify.ValidationReport;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Human-readable renderings of ping, check, move, status and validation results. */
final class Reports {
    private Reports() {
    }

    static String ping(PingResult r) {
        return String.join("\n",
                "url:        " + r.url(),
                "server:     PostgreSQL " + r.serverVersion(),
                "user:       " + r.currentUser() + (r.superuser() ? " (superuser)" : " (not a superuser)"),
                "database:   " + r.database(),
                "encoding:   " + r.encoding(),
                "size:       " + bytes(r.sizeBytes()));
    }

    static String bytes(long bytes) {
        return ByteSize.show(bytes);
    }

    static String check(CheckReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("source: ").append(r.source()).append(" (PostgreSQL ").append(r.sourceVersion()).append(")\n");
        sb.append("target: ").append(r.target()).append(" (PostgreSQL ").append(r.targetVersion()).append(")\n");
        sb.append("tables to copy: ").append(r.tables()).append('\n');
        for (Problem p : r.problems()) {
            sb.append('\n').append(String.format(Locale.ROOT, "%-7s %-22s %s", p.severity(), p.code(), p.object()));
            if (p.affectedRows() != null) {
                sb.append("  (").append(p.affectedRows()).append(p.affectedRows() == 1 ? " row)" : " rows)");
            }
            sb.append("\n        ").append(p.message());
            p.missing().forEach(m -> sb.append("\n        ").append(m));
            if (!p.samples().isEmpty()) {
                sb.append("\n        e.g. ").append(String.join("; ", p.samples()));
            }
        }
        sb.append("\n\ncheck: ").append(r.passed() ? "PASS" : "FAIL").append(" - ").append(Counts.of(r.errors(), "error")).append(", ")
                .append(Counts.of(r.warnings(), "warning"));
        if (!r.passed()) {
            sb.append(" (nothing was written)");
        }
        return sb.toString();
    }

    static String move(MoveResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-50s %12s %10s %8s%n", "table", "rows", "size", "seconds"));
        for (TableResult t : r.tables()) {
            sb.append(String.format(Locale.ROOT, "%-50s %12d %10s %8.1f%n", t.table(), t.rows(), Reports.bytes(t.bytes()), t.seconds()));
        }
        sb.append(String.format(Locale.ROOT, "%n%s %s (%s) into %s; restored %d keys, indexes and triggers; set %s; %.1f s in all%s",
                r.resumed() ? "resumed run " + r.run() + ": copied" : "copied", Counts.of(r.rows(), "row"), Reports.bytes(r.bytes()),
                Counts.of(r.tables().size(), "table"), r.restored(), Counts.of(r.sequences(), "sequence"), r.seconds(), r.validation() == null ? "" : ", validation included"));
        if (r.largeObjects() > 0) {
            sb.append("\ncopied ").append(Counts.of(r.largeObjects(), "large object"));
        }
        if (r.check().warnings() > 0) {
            sb.append("\n").append(Counts.of(r.check().warnings(), "warning")).append(" from the check; see 'pgcarry check' for details");
        }
        if (r.validation() != null) {
            sb.append("\n\n").append(validation(r.validation()));
        }
        sb.append("\n").append(schema(r.schema()));
        return sb.toString();
    }

    /** The schema section: PASS, or FAIL with each object that did not arrive as it should, one per line. */
    static String schema(SchemaCheck s) {
        StringBuilder sb = new StringBuilder();
        for (String difference : s.differences()) {
            sb.append(String.format(Locale.ROOT, "%-6s %s%n", "FAIL", difference));
        }
        return sb.append("schema: ").append(s.verdict()).append(" - ").append(s.compared())
                .append(s.passed() ? "" : ", " + Counts.of(s.differences().size(), "difference")).toString();
    }

    static String clone(CloneResult r) {
        StringBuilder sb = new StringBuilder();
        if (r.schemaStatements() > 0) {
            sb.append("created the schema: ").append(r.schemaStatements()).append(" statements\n");
        }
        sb.append(move(r.move()));
        if (r.refreshed() > 0) {
            sb.append("\nrefreshed ").append(r.refreshed()).append(" materialized views");
        }
        sb.append("\n").append(schema(r.schema()));
        sb.append(String.format(Locale.ROOT, "%nclone finished in %.1f s: %s", r.seconds(), r.passed() ? "PASS" : "FAIL"));
        return sb.toString();
    }

    /** Differences grouped by change, each object on a line and each differing attribute under it. */
    static String differences(SchemaDifferences d) {
        if (d.none()) {
            return "no differences";
        }
        StringBuilder sb = new StringBuilder();
        for (var change : ObjectDifference.Change.values()) {
            var group = d.differences().stream().filter(x -> x.change() == change).toList();
            if (group.isEmpty()) {
                continue;
            }
            String heading = switch (change) {
                case MISSING -> "missing in TARGET";
                case EXTRA -> "only in TARGET";
                case CHANGED -> "changed";
            };
            sb.append(heading).append(" (").append(group.size()).append("):\n");
            for (var difference : group) {
                sb.append("  ").append(difference.id()).append('\n');
                for (var attribute : difference.changes()) {
                    sb.append("      ").append(attribute.attribute()).append(": ").append(oneLine(attribute.source())).append(" (SOURCE) vs ")
                            .append(oneLine(attribute.target())).append(" (TARGET)\n");
                }
            }
        }
        if (!d.notCompared().isEmpty()) {
            sb.append("not compared, pgcarry does not model them (").append(d.notCompared().size()).append("):\n");
            d.notCompared().forEach(o -> sb.append("  not compared: ").append(o).append('\n'));
        }
        sb.append(String.format(Locale.ROOT, "%s: %d missing, %d only in TARGET, %d changed, %d not compared",
                Counts.of(d.differences().size(), "difference"),
                d.count(ObjectDifference.Change.MISSING), d.count(ObjectDifference.Change.EXTRA),
                d.count(ObjectDifference.Change.CHANGED), d.notCompared().size()));
        return sb.toString();
    }

    /** The possible duplicates, after the differences; nothing when there are none. */
    static String suggestions(List<DuplicateSuggestion> suggestions) {
        StringBuilder sb = new StringBuilder();
        if (!suggestions.isEmpty()) {
            sb.append("\npossible duplicates, never merged unless asked (").append(suggestions.size()).append("):");
        }
        for (DuplicateSuggestion s : suggestions) {
            sb.append("\n  ").append(s).append("; merge it with --merge '").append(s.mergeArgument()).append("' --sql");
        }
        return sb.toString();
    }

    private static String oneLine(String value) {
        if (value == null) {
            return "none";
        }
        String line = value.strip().replaceAll("\\s+", " ");
        return line.length() > 100 ? line.substring(0, 97) + "..." : line;
    }

    static String validation(ValidationReport v) {
        StringBuilder sb = new StringBuilder();
        for (Problem p : v.problems()) {
            sb.append(String.format(Locale.ROOT, "%-6s %s %s: %s%n", p.isError() ? "FAIL" : "WARN", p.code(), p.object(), p.message()));
        }
        sb.append(String.format(Locale.ROOT, "%-6s %-50s %12s %12s %8s%n", "", "table", "source rows", "target rows", "seconds"));
        v.tables().forEach(t -> table(sb, t));
        for (ReferenceValidation ref : v.references()) {
            sb.append(String.format(Locale.ROOT, "%-6s %s: %s%s%n", ref.passed() ? "PASS" : "FAIL", ref.reference(), Counts.of(ref.orphans(), "orphan"),
                    ref.provenBy() != null ? " (" + ref.provenBy() + ")"
                            : ref.samples().isEmpty() ? "" : " (e.g. " + String.join("; ", ref.samples()) + ")"));
        }
        for (SequenceValidation s : v.sequences()) {
            sb.append(String.format(Locale.ROOT, "%-6s sequence %s next %d, %s max %s%s%n", s.passed() ? "PASS" : "FAIL", s.sequence(),
                    s.nextValue(), s.column(), s.maxValue() == null ? "-" : s.maxValue().toString(),
                    s.behindInSource() ? " (behind in the source too: as it was)" : ""));
        }
        // A database without large objects is not told about them.
        if (v.largeObjects() != null && (v.largeObjects().sourceObjects() > 0 || v.largeObjects().targetObjects() > 0)) {
            sb.append(largeObjects(v.largeObjects(), "source"));
        }
        return sb.append(validationSummary(v)).toString();
    }

    /** A table's line, and under it why it failed: its content hashes, a note, and the differing rows found. */
    private static void table(StringBuilder sb, TableValidation t) {
        sb.append(String.format(Locale.ROOT, "%-6s %-50s %12d %12d %8.1f%n", t.passed() ? "PASS" : "FAIL", t.table(),
                t.sourceRows(), t.targetRows(), t.seconds()));
        if (!t.passed() && t.sourceRows() == t.targetRows()) {
            sb.append("       content differs (hash ").append(t.sourceHash()).append(" vs ").append(t.targetHash()).append(")\n");
        }
        if (t.note() != null) {
            sb.append("       ").append(t.note()).append('\n');
        }
        for (RowDifference d : t.differences()) {
            sb.append("       ").append(String.format(Locale.ROOT, "%-8s", d.kind())).append(d.key());
            if (!d.columns().isEmpty()) {
                sb.append("  columns: ").append(String.join(", ", d.columns()));
            }
            d.values().forEach((column, pair) -> sb.append("\n                ").append(column).append(": ")
                    .append(pair.get(0)).append(" -> ").append(pair.get(1)));
            sb.append('\n');
        }
        if (t.truncated()) {
            sb.append("       ... more differences (raise --max-diffs to list them)\n");
        }
    }

    /** The last line: the verdict and how many checks of each kind ran and failed. */
    private static String validationSummary(ValidationReport v) {
        long failed = v.tables().stream().filter(t -> !t.passed()).count()
                + v.references().stream().filter(x -> !x.passed()).count() + v.sequences().stream().filter(x -> !x.passed()).count()
                + (v.largeObjects() == null || v.largeObjects().passed() ? 0 : 1);
        return String.format(Locale.ROOT, "validation (%s): %s - %s, %s, %s checked, %d failed, in %.1f s",
                v.level(), v.passed() ? "PASS" : "FAIL", Counts.of(v.tables().size(), "table"), Counts.of(v.references().size(), "reference"),
                Counts.of(v.sequences().size(), "sequence"), failed, v.seconds());
    }

    /** The large objects' line, and under it each differing one named by OID; {@code source} names the side compared with. */
    static String largeObjects(LargeObjectValidation lo, String source) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-6s large objects: %d in the %s, %d in the target%s%s%n",
                lo.passed() ? "PASS" : "FAIL", lo.sourceObjects(), source, lo.targetObjects(),
                lo.contentCompared() ? ", content compared" : ", content not compared (--level count)",
                lo.passed() ? "" : ", " + lo.differing() + " differ" + (lo.differing() == 1 ? "s" : "")));
        for (LargeObjectValidation.Difference d : lo.differences()) {
            sb.append("       ").append(String.format(Locale.ROOT, "%-8s", d.kind())).append(d.oid());
            if (!d.aspects().isEmpty()) {
                sb.append("  differs in: ").append(String.join(", ", d.aspects()));
            }
            sb.append('\n');
        }
        if (lo.truncated()) {
            sb.append("       ... more differences (raise --max-diffs to list them)\n");
        }
        return sb.toString();
    }

    static String status(MoveStatus s) {
        return String.join("\n",
                "unfinished move " + s.run() + " (" + s.status() + "), started " + s.startedAt() + " from " + s.source(),
                "  ranges copied: " + s.rangesDone() + " of " + s.rangesTotal() + " (" + Counts.of(s.rowsCopied(), "row") + ") over " + Counts.of(s.tables(), "table"),
                "  foreign keys, indexes and triggers set aside: " + s.setAside(),
                "pgcarry's journal (schema pgcarry) is kept in the target until this move is resumed or aborted",
                "ways out:",
                "  pgcarry move --resume ...   finish it (same arguments as the first run)",
                "  pgcarry move --abort --to ...   undo it: empty the loaded tables and restore everything set aside");
    }

    /** One line on a step that waits, or waited, for another session's lock. */
    static String lockWait(LockWait w) {
        String step = w.step() + (w.relation() == null ? "" : " on " + w.relation()) + " (pid " + w.pid() + ")";
        if (w.over()) {
            return String.format(Locale.ROOT, "  lock wait over after %.1f s: %s", w.seconds(), step);
        }
        List<String> holders = w.blockers().stream().map(b -> "pid " + b.pid() + " ("
                + Stream.of(b.user() == null ? null : "user " + b.user(),
                        b.application() == null || b.application().isEmpty() ? null : "application " + b.application(),
                        b.state(),
                        b.transactionSeconds() == null ? null : String.format(Locale.ROOT, "transaction open %.0f s", b.transactionSeconds()))
                .filter(Objects::nonNull).collect(Collectors.joining(", ")) + ")").toList();
        return String.format(Locale.ROOT, "  waiting %.0f s for a lock: %s is blocked by %s", w.seconds(), step, String.join(", ", holders));
    }
}
