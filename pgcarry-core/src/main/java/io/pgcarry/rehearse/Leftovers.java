package io.pgcarry.rehearse;

import java.util.List;
import java.util.Map;

/**
 * What the migration leaves behind that needs a hand: INVALID indexes (a failed concurrent build), constraints still
 * NOT VALID, and dead row versions from backfills (until vacuum removes them).
 *
 * @param invalidIndexes indexes marked INVALID
 * @param notValid       constraints NOT VALID, as {@code public.orders.orders_customer_fk}
 * @param deadRows       per table, rows the migration updated or deleted
 */
public record Leftovers(List<String> invalidIndexes, List<String> notValid, Map<String, Long> deadRows) {
    public Leftovers {
        invalidIndexes = List.copyOf(invalidIndexes);
        notValid = List.copyOf(notValid);
        deadRows = Map.copyOf(deadRows);
    }

    public boolean none() {
        return invalidIndexes.isEmpty() && notValid.isEmpty() && deadRows.isEmpty();
    }
}
