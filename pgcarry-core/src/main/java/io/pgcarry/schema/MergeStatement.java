package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.report.Counts;
import io.pgcarry.schema.DuplicateMerges.Found;
import io.pgcarry.schema.GuardedDrops.Contents;
import java.util.List;

/**
 * The merge of a duplicate into its canonical table as one guarded statement (a {@code DO} block, atomic even in an
 * {@code --online} plan; see {@link GuardedDrop}): both tables are locked against writes (reads go on), the duplicate's
 * count and content hash and the counts of rows to insert, identical and conflicting are taken again exactly as the plan
 * took them, and unless all are as planned the plan stops with both sets of numbers; then the missing rows are
 * inserted, conflicting rows given the duplicate's values when it is preferred, and sequences moved past merged keys.
 *
 * @param sql       the merge's queries
 * @param what      how the error names the merge
 * @param contents  the duplicate's count and hash at plan time
 * @param found     the counts at plan time
 * @param update    whether conflicting rows take the duplicate's values
 * @param sequenced canonical columns filled by a sequence
 */
record MergeStatement(MergeSql sql, String what, Contents contents, Found found, boolean update, List<String> sequenced) {
    MergeStatement {
        sequenced = List.copyOf(sequenced);
    }

    String statement() {
        StringBuilder body = new StringBuilder(DoBlock.readCommitted(what));
        // SHARE ROW EXCLUSIVE: no writes to either table until the plan ends, reads go on; the duplicate's drop takes more later
        body.append("    LOCK TABLE ").append(sql.duplicate().sqlName()).append(", ").append(sql.canonical().sqlName())
                .append(" IN SHARE ROW EXCLUSIVE MODE;\n");
        body.append("    ").append(GuardedDrop.table(sql.duplicate()).measure(" INTO found_rows, found_hash")).append(";\n");
        body.append("    ").append(sql.counts(" INTO found_insert, found_identical, found_conflicting")).append(";\n");
        body.append("    IF found_rows <> ").append(contents.rows()).append(" OR found_hash <> ").append(Identifiers.literal(contents.hash()))
                .append(" OR found_insert <> ").append(found.insert()).append(" OR found_identical <> ").append(found.identical())
                .append(" OR found_conflicting <> ").append(found.conflicts().rows()).append(" THEN\n");
        body.append("        RAISE EXCEPTION '% changed since the plan: planned % of content hash % (% to insert, % identical, % conflicting), ")
                .append("found % of content hash % (% to insert, % identical, % conflicting): nothing merged, the plan stops',\n            ")
                .append(Identifiers.literal(what)).append(", ").append(Identifiers.literal(Counts.of(contents.rows(), "row"))).append(", ")
                .append(Identifiers.literal(contents.hash())).append(", ").append(found.insert()).append(", ").append(found.identical()).append(", ")
                .append(found.conflicts().rows()).append(",\n            found_rows, found_hash, found_insert, found_identical, found_conflicting;\n");
        body.append("    END IF;\n");
        body.append("    ").append(sql.insert()).append(";\n");
        String change = update && found.conflicts().rows() > 0 ? sql.update() : null;
        if (change != null) {
            body.append("    ").append(change).append(";\n");
        }
        for (String column : sequenced) {
            body.append(catchUp(column));
        }
        return DoBlock.of("""
                    found_rows bigint;
                    found_hash text;
                    found_insert bigint;
                    found_identical bigint;
                    found_conflicting bigint;
                """, body.toString());
    }

    /** Moves the column's sequence (serial or identity) past the largest value now in the table, if it is behind. */
    private String catchUp(String column) {
        String c = "c." + Identifiers.quote(column);
        return "    PERFORM pg_catalog.setval(s, m) FROM (SELECT pg_catalog.pg_get_serial_sequence(" + Identifiers.literal(sql.canonical().sqlName())
                + ", " + Identifiers.literal(column) + ")::regclass AS s, max(" + c + ") AS m FROM " + sql.canonical().sqlName()
                + " AS c) x\n     WHERE s IS NOT NULL AND m > coalesce(pg_catalog.pg_sequence_last_value(s), 0);\n";
    }
}
