package io.pgcarry.schema;

/**
 * How an alignment plan is written.
 *
 * @param online     build indexes with CONCURRENTLY so writes go on
 * @param rebuild    change column types by rebuilding the table (copy and swap, old table kept)
 * @param allowDrops leave drops of tables, columns, sequences and schemas active instead of commented out
 * @param allowLossy cast with a plain USING even where the cast truncates or rounds values; otherwise such a type
 *                   change is guarded so that it fails on any value the cast would change
 */
public record PlanOptions(boolean online, boolean rebuild, boolean allowDrops, boolean allowLossy) {
}
