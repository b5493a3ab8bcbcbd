package io.pgcarry.tables;

/**
 * One table's size, row estimate and statistics as {@link TableUsageReader} read them, partitions summed.
 *
 * @param partitions  how many partitions it has
 * @param rows        reltuples where measured, n_live_tup elsewhere, summed
 * @param allMeasured whether every leaf's reltuples was measured
 * @param anyMeasured whether any leaf's was
 * @param bytes       {@code pg_total_relation_size}, summed
 * @param canSelect   whether the reading role may count its rows
 */
record TableStats(int partitions, long rows, boolean allMeasured, boolean anyMeasured, long bytes, Activity activity,
                  Maintenance maintenance, boolean canSelect) {
    RowSource rowSource() {
        return allMeasured ? RowSource.RELTUPLES : anyMeasured ? RowSource.MIXED : RowSource.LIVE_TUPLES;
    }
}
