package io.pgcarry.schema;

import io.pgcarry.report.Counts;

/**
 * A table only TARGET has that looks like a copy of a table both have: its columns are among the other's (names
 * matching, types compatible) and the names differ only by case or a prefix such as {@code bazaar-vid_}. Never merged
 * unless asked for with {@code --merge}.
 *
 * @param table          the table only TARGET has, as a person reads it
 * @param duplicateOf    the table it looks like a copy of
 * @param rowsNotInIt    rows of {@code table} whose key the other lacks (a merge would insert them); null when not measured
 * @param mergeArgument  what {@code --merge} takes to merge it
 */
public record DuplicateSuggestion(String table, String duplicateOf, Long rowsNotInIt, String mergeArgument) {
    /** {@code possible duplicate of public."bazaar-vid_api_usage_metric" (3 rows not in it)} */
    public String description() {
        return "possible duplicate of " + duplicateOf + " (" + (rowsNotInIt == null ? "rows not measured" : Counts.of(rowsNotInIt, "row") + " not in it") + ")";
    }

    @Override
    public String toString() {
        return "table " + table + ": " + description();
    }
}
