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
 * @param disableTriggers      disable user triggers of loaded tables during the load
 */
public record CheckOptions(Mapping mapping, TableSelection selection, boolean truncateTarget, boolean allowDroppedColumns,
                           boolean disableTriggers) {
    public CheckOptions {
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(selection, "selection");
    }

    public static CheckOptions defaults() {
        return new CheckOptions(Mapping.EMPTY, TableSelection.all(), false, false, false);
    }
}
