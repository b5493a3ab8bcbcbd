package io.pgcarry.tables;

import java.time.Instant;

/** When a table (its latest partition) was last vacuumed and analyzed, by hand or by autovacuum; null for never. */
public record Maintenance(Instant lastVacuum, Instant lastAutovacuum, Instant lastAnalyze, Instant lastAutoanalyze) {
}
