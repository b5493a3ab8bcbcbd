package io.pgcarry.schema;

/**
 * How an alignment plan is written.
 *
 * @param online     build indexes with CONCURRENTLY so writes go on
 * @param rebuild    change column types by rebuilding the table (copy and swap, old table kept)
 * @param allowDrops leave drops of tables, columns, sequences and schemas active instead of commented out
 */
public record PlanOptions(boolean online, boolean rebuild, boolean allowDrops) {
}
