package io.pgcarry.check;

import io.pgcarry.catalog.Constraint;
import io.pgcarry.catalog.RowKeys;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.catalog.Table;
import io.pgcarry.plan.ColumnMove;
import io.pgcarry.plan.Conversion;
import io.pgcarry.plan.MovePlan;
import io.pgcarry.plan.TableMove;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Builds the queries for the target's keys, run on the source data: duplicates on target unique keys, and
 * rows that would break a target foreign key (including foreign keys that exist only in the target).
 * A key the source already enforces in the same shape is not checked again.
 */
final class KeyChecks {
    /** A query counting bad rows and one listing up to 10 samples, or a finding that needs no query. */
    record KeyQuery(String code, String object, String message, String countSql, String sampleSql) {
    }

    private KeyChecks() {
    }

    static List<KeyQuery> uniqueKeys(MovePlan plan) {
        List<KeyQuery> queries = new ArrayList<>();
        for (TableMove move : plan.tables()) {
            for (Constraint key : plan.target().constraintsOf(move.target().name())) {
                if (key.kind() != 'p' && key.kind() != 'u') {
                    continue;
                }
                Optional<List<ColumnMove>> columns = columnsFor(move, key.columns());
                // A key whose NULLs are not distinct (PostgreSQL 15+) counts NULLs as equal: a source key that lets
                // them repeat does not enforce it, and rows with NULLs are compared too.
                boolean nullsEqual = key.definition() != null && key.definition().startsWith("UNIQUE NULLS NOT DISTINCT");
                if (columns.isEmpty() || !nullsEqual && sourceEnforces(plan, move, columns.get(), 'u')) {
                    continue;
                }
                String exprs = columns.get().stream().map(ColumnMove::sourceSql).collect(Collectors.joining(", "));
                String notNull = nullsEqual ? "true"
                        : columns.get().stream().map(c -> c.sourceSql() + " IS NOT NULL").collect(Collectors.joining(" AND "));
                String groups = "SELECT " + exprs + ", count(*) AS n FROM " + move.source().rowsSql() + " WHERE " + notNull
                        + " GROUP BY " + exprs + " HAVING count(*) > 1";
                String render = columns.get().stream().map(c -> "coalesce((" + c.sourceSql() + ")::text, 'NULL')")
                        .collect(Collectors.joining(" || ', ' || "));
                queries.add(new KeyQuery("DUPLICATE_KEY", key.label(),
                        "source rows share a value of this target key; remove the duplicates or drop the key",
                        "SELECT coalesce(sum(n), 0) FROM (" + groups + ") d",
                        "SELECT " + render + " || ' (' || count(*) || ' rows)' FROM " + move.source().rowsSql() + " WHERE " + notNull
                                + " GROUP BY " + exprs + " HAVING count(*) > 1 LIMIT 10"));
            }
        }
        return queries;
    }

    static List<KeyQuery> foreignKeys(MovePlan plan, java.util.function.Predicate<QualifiedName> targetTableIsEmpty) {
        List<KeyQuery> queries = new ArrayList<>();
        for (Constraint fk : plan.target().foreignKeys()) {
            Optional<TableMove> child = plan.intoTarget(fk.table());
            if (child.isEmpty()) {
                continue;
            }
            Optional<List<ColumnMove>> childColumns = columnsFor(child.get(), fk.columns());
            if (childColumns.isEmpty()) {
                continue;
            }
            Optional<TableMove> parent = plan.intoTarget(fk.references());
            String childSelect = keySelect(child.get().source(), childColumns.get());
            String present = keyNames(childColumns.get().size()).stream().map(k -> "c." + k + " IS NOT NULL")
                    .collect(Collectors.joining(" AND "));
            String orphanWhere;
            if (parent.isPresent()) {
                Optional<List<ColumnMove>> parentColumns = columnsFor(parent.get(), fk.refColumns());
                if (parentColumns.isEmpty() || sourceHasSameForeignKey(plan, child.get(), childColumns.get(), parent.get(), parentColumns.get())) {
                    continue;
                }
                String match = keyNames(childColumns.get().size()).stream().map(k -> "p." + k + "::text = c." + k + "::text")
                        .collect(Collectors.joining(" AND "));
                orphanWhere = present + " AND NOT EXISTS (SELECT 1 FROM (" + keySelect(parent.get().source(), parentColumns.get())
                        + ") p WHERE " + match + ")";
            } else if (targetTableIsEmpty.test(fk.references())) {
                orphanWhere = present;
            } else {
                queries.add(new KeyQuery("FK_NOT_CHECKED", fk.label(), "references " + fk.references()
                        + ", which is not copied and already holds rows; checked when the constraint is validated after the load", null, null));
                continue;
            }
            String from = " FROM (" + childSelect + ") c WHERE " + orphanWhere;
            queries.add(new KeyQuery("FK_ORPHAN", fk.label(), "source rows reference keys missing from " + fk.references()
                    + "; add the missing rows, fix or delete the orphans, or exclude the table",
                    "SELECT count(*)" + from, "SELECT c.pgcarry_key" + from + " LIMIT 10"));
        }
        return queries;
    }

    private static String keySelect(Table source, List<ColumnMove> columns) {
        List<String> names = keyNames(columns.size());
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            parts.add(columns.get(i).sourceSql() + " AS " + names.get(i));
        }
        return "SELECT " + String.join(", ", parts) + ", " + RowKeys.keyText(source, null) + " AS pgcarry_key FROM "
                + source.rowsSql();
    }

    private static List<String> keyNames(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add("k" + i);
        }
        return names;
    }

    private static Optional<List<ColumnMove>> columnsFor(TableMove move, List<String> targetColumns) {
        List<ColumnMove> result = new ArrayList<>();
        for (String name : targetColumns) {
            Optional<ColumnMove> column = move.columns().stream().filter(c -> c.target().name().equals(name)).findFirst();
            if (column.isEmpty()) {
                return Optional.empty();
            }
            result.add(column.get());
        }
        return Optional.of(result);
    }

    private static boolean sourceEnforces(MovePlan plan, TableMove move, List<ColumnMove> columns, char kind) {
        if (columns.stream().anyMatch(c -> c.conversion() != Conversion.SAME)) {
            return false;
        }
        List<String> sourceColumns = columns.stream().map(c -> c.source().name()).toList();
        return plan.source().constraintsOf(move.source().name()).stream()
                .anyMatch(k -> (k.kind() == 'p' || k.kind() == kind) && k.validated()
                        && new java.util.HashSet<>(sourceColumns).containsAll(k.columns()));
    }

    private static boolean sourceHasSameForeignKey(MovePlan plan, TableMove child, List<ColumnMove> childColumns,
                                                   TableMove parent, List<ColumnMove> parentColumns) {
        if (childColumns.stream().anyMatch(c -> c.conversion() != Conversion.SAME)
                || parentColumns.stream().anyMatch(c -> c.conversion() != Conversion.SAME)) {
            return false;
        }
        List<String> from = childColumns.stream().map(c -> c.source().name()).toList();
        List<String> to = parentColumns.stream().map(c -> c.source().name()).toList();
        return plan.source().constraintsOf(child.source().name()).stream()
                .anyMatch(k -> k.isForeignKey() && k.validated() && k.columns().equals(from)
                        && parent.source().name().equals(k.references()) && k.refColumns().equals(to));
    }
}
