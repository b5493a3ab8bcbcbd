package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.report.Counts;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The drop of a table or a column together with its run-time guard, as one statement: a {@code DO} block that locks
 * the table, counts (and hashes) what it holds, stops the plan with an error naming the object and both counts when
 * that is not what the plan recorded, and otherwise drops it.
 *
 * <p>Why a {@code DO} block: the guard and its drop must be atomic together even in an {@code --online} plan, whose
 * statements run one by one outside a transaction, and one statement is; it is plain SQL the table's owner may run
 * on managed PostgreSQL (plpgsql is trusted and there by default; no function is created, not even in pg_temp); and
 * it can say in its error what it found. The alternative for "still empty", a {@code CHECK (false) NOT VALID} then
 * {@code VALIDATE}, also holds inserts off until the drop but can neither compare a count and a hash nor name them.
 * The lock is taken before counting, so nothing is written between the count and the drop; a snapshot older than the
 * lock would not see rows written since, hence READ COMMITTED is required (the default).
 *
 * @param what  the object as the error names it, {@code table public."bazaar-vid_patch"}
 * @param unit  what is counted, {@code row} or {@code non-null value}
 * @param table the quoted table that is locked and read
 * @param where a condition on the rows counted (alias {@code r}), or null for all
 * @param row   the row value hashed for each counted row
 * @param lock  the lock mode taken before counting
 * @param drop  the drop itself
 */
record GuardedDrop(String what, String unit, String table, String where, String row, String lock, String drop) {
    /** A table: every row, hashed whole; locked as the drop will lock it. */
    static GuardedDrop table(ObjectId table) {
        return new GuardedDrop(table.toString(), "row", table.sqlName(), null, "ROW(r.*)", "ACCESS EXCLUSIVE", Ddl.drop(table));
    }

    /**
     * A column: its non-null values, each hashed with its row's primary key so that values moved between rows count as
     * a change. Locked against writes only while counting, so that reads of the live table go on until the drop.
     */
    static GuardedDrop column(ObjectId column, List<String> primaryKey) {
        String value = "r." + Identifiers.quote(column.name());
        String key = primaryKey.stream().map(k -> "r." + Identifiers.quote(k) + ", ").collect(Collectors.joining());
        return new GuardedDrop(column.toString(), "non-null value", column.sqlTable(), value + " IS NOT NULL",
                "ROW(" + key + value + ")", "SHARE", Ddl.drop(column));
    }

    /** The plan-time measurement: count and content hash, exactly as the guard computes them. */
    String measure() {
        return measure("");
    }

    /** The measurement, its values stored {@code INTO found_rows, found_hash} (or {@code into} else) in a guard. */
    String measure(String into) {
        return "SELECT count(*), " + ContentHash.of(row) + into + from();
    }

    /** The guarded drop: dropped only if the count, and the hash when given, are still those planned. */
    String statement(long plannedRows, String plannedHash) {
        StringBuilder body = new StringBuilder(DoBlock.readCommitted(what));
        body.append("    LOCK TABLE ").append(table).append(" IN ").append(lock).append(" MODE;\n");
        body.append("    ").append(plannedHash == null ? "SELECT count(*) INTO found_rows" + from()
                : measure(" INTO found_rows, found_hash")).append(";\n");
        // the names go in as arguments, never into the format, where a % in a name would be read as a placeholder
        String planned = Identifiers.literal(what) + ", " + Identifiers.literal(Counts.of(plannedRows, unit));
        if (plannedHash == null) {
            body.append("    IF found_rows <> ").append(plannedRows).append(" THEN\n")
                    .append("        RAISE EXCEPTION '% was planned with % and now has %: not dropped, the plan stops', ")
                    .append(planned).append(", found_rows;\n");
        } else {
            body.append("    IF found_rows <> ").append(plannedRows).append(" OR found_hash <> ").append(Identifiers.literal(plannedHash))
                    .append(" THEN\n        RAISE EXCEPTION '% changed since the plan: planned % of content hash %, found % of content hash %: ")
                    .append("not dropped, the plan stops', ").append(planned).append(", ").append(Identifiers.literal(plannedHash))
                    .append(", found_rows, found_hash;\n");
        }
        body.append("    END IF;\n    ").append(drop).append(";\n");
        return DoBlock.of("    found_rows bigint;\n    found_hash text;\n", body.toString());
    }

    private String from() {
        return " FROM " + table + " AS r" + (where == null ? "" : " WHERE " + where);
    }
}
