package io.pgcarry.schema;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.Setting;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How an alignment plan is written.
 *
 * @param online     build indexes with CONCURRENTLY so writes go on
 * @param rebuild    change column types by rebuilding the table (copy and swap, old table kept)
 * @param drops      which drops of tables and columns are left active instead of commented out; each active one is
 *                   guarded at run time (see {@link GuardedDrops}); drops of sequences and schemas are active unless NONE
 * @param allowLossy cast with a plain USING even where the cast truncates or rounds values; otherwise such a type
 *                   change is guarded so that it fails on any value the cast would change
 * @param merges     TARGET-only tables whose rows go into a canonical table before they are dropped
 */
public record PlanOptions(boolean online, boolean rebuild, Drops drops, boolean allowLossy, List<TableMerge> merges) {
    /** How far {@code allowDrops} goes. */
    public enum Drops {
        /** Every drop commented out. */
        NONE,
        /** Drops of tables found empty and of columns found without values, each dropped only if still so. */
        EMPTY,
        /** Also tables and columns with data, each dropped only if its row count and content hash are as planned. */
        DATA
    }

    public PlanOptions {
        Objects.requireNonNull(drops, "drops");
        merges = List.copyOf(merges);
        Set<QualifiedName> duplicates = new HashSet<>();
        for (TableMerge merge : merges) {
            if (!duplicates.add(merge.duplicate())) {
                throw new ConfigurationException(Setting.MERGE.mention() + " names " + merge.duplicate() + " twice");
            }
        }
    }

    /** Without merges; {@code allowDrops} allows the drops of empty tables and columns. */
    public PlanOptions(boolean online, boolean rebuild, boolean allowDrops, boolean allowLossy) {
        this(online, rebuild, allowDrops ? Drops.EMPTY : Drops.NONE, allowLossy, List.of());
    }

    public boolean allowDrops() {
        return drops != Drops.NONE;
    }
}
