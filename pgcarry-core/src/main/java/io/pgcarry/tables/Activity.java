package io.pgcarry.tables;

import java.time.Instant;

/**
 * What the statistics counted on a table (summed over its partitions) since they were last reset.
 *
 * @param inserted  rows inserted ({@code n_tup_ins})
 * @param updated   rows updated ({@code n_tup_upd})
 * @param deleted   rows deleted ({@code n_tup_del})
 * @param seqScans  sequential scans ({@code seq_scan}); CREATE INDEX, a foreign key's validation and {@code count(*)}
 *                  count too
 * @param idxScans  index scans ({@code idx_scan}); a foreign key's check of a referencing row counts too
 * @param lastScan  the last scan of either kind ({@code last_seq_scan}, {@code last_idx_scan}; PostgreSQL 16 on),
 *                  null when unknown
 */
public record Activity(long inserted, long updated, long deleted, long seqScans, long idxScans, Instant lastScan) {
    public long writes() {
        return inserted + updated + deleted;
    }

    public long scans() {
        return seqScans + idxScans;
    }
}
