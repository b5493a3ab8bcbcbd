package io.pgcarry.check;

import io.pgcarry.plan.Mapping;
import io.pgcarry.plan.TableSelection;
import java.util.Objects;

/**
 * What a check (and a move) is asked to do.
 *
 * @param mapping              renames, exclusions and values
 * @param selection            which tables
 * @param truncateTarget       empty non-empty target tables before loading
 * @param allowDroppedColumns  let source columns without a target column be left behind
 * @param triggers             what user triggers of loaded tables do during the load
 */
public record CheckOptions(Mapping mapping, TableSelection selection, boolean truncateTarget, boolean allowDroppedColumns,
                           LoadTriggers triggers) {
    public CheckOptions {
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(triggers, "triggers");
    }

    /** Options whose triggers fire as usual or, with {@code disableTriggers}, are disabled for the load. */
    public CheckOptions(Mapping mapping, TableSelection selection, boolean truncateTarget, boolean allowDroppedColumns,
                        boolean disableTriggers) {
        this(mapping, selection, truncateTarget, allowDroppedColumns, disableTriggers ? LoadTriggers.DISABLE : LoadTriggers.FIRE);
    }

    /** Whether user triggers of tables that were empty are disabled during the load. */
    public boolean disableTriggers() {
        return triggers == LoadTriggers.DISABLE;
    }

    public static CheckOptions defaults() {
        return new CheckOptions(Mapping.EMPTY, TableSelection.all(), false, false, false);
    }
}
