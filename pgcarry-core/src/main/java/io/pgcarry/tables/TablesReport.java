package io.pgcarry.tables;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The tables of a database and what uses each, those nothing uses first.
 *
 * @param target        the redacted URL of the database examined
 * @param source        the redacted URL or snapshot file the tables were looked up in, or null
 * @param serverVersion {@code server_version_num}
 * @param user          the role that read them
 * @param statsReset    when the statistics of the database were last reset ({@code pg_stat_database.stats_reset}), null
 *                      for never: the counts are since then
 * @param trackCounts   whether the server counts at all ({@code track_counts}); when off, no table is ever read or written
 * @param tables        one entry per table, sorted by verdict ({@code unused} first), then those SOURCE lacks, then name
 * @param leftOut       tables not examined: migration-history tables, which no application uses and none may drop
 * @param notes         what pgcarry could not see or count, one line each
 */
public record TablesReport(String target, String source, int serverVersion, String user, Instant statsReset,
                           boolean trackCounts, List<TableUsage> tables, List<String> leftOut, List<String> notes) {
    public TablesReport {
        Objects.requireNonNull(target, "target");
        tables = List.copyOf(tables);
        leftOut = List.copyOf(leftOut);
        notes = List.copyOf(notes);
    }

    /** How many tables got {@code verdict}. */
    public long count(Verdict verdict) {
        return tables.stream().filter(t -> t.verdict() == verdict).count();
    }
}
