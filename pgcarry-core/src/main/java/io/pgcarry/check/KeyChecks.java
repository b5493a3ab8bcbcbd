package io.pgcarry.check;

import io.pgcarry.report.ProblemCode;
import io.pgcarry.catalog.Constraint;
import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.RowKeys;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.catalog.Table;
import io.pgcarry.plan.ColumnMove;
import io.pgcarry.plan.Conversion;
import io.pgcarry.plan.LogicalReference;
import io.pgcarry.plan.MovePlan;
import io.pgcarry.plan.TableMove;
import io.pgcarry.report.Problem;
import io.pgcarry.report.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Builds the queries for the target's keys, run on the source data: duplicates on target unique keys, and
 * rows that would break a target foreign key (including foreign keys that exist only in the target) or a logical
 * reference of the mapping file.
 * A key the source already enforces in the same shape is not checked again.
 */
final class KeyChecks {
    /**
     * A query counting bad rows and one listing up to 10 samples, or a finding that needs no query; for orphans, also
     * the query of the missing referenced values.
     */
    record KeyQuery(Severity severity, ProblemCode code, String object, String message, String countSql, String sampleSql, Missing missing) {
    }

    /**
     * The distinct missing values of a reference, with their row counts, most frequent first.
     *
     * @param sql         returns the value as text and its row count
     * @param columns     the referencing columns, for display
     * @param referenced  the referenced table and columns, for display
     */
    record Missing(String sql, String columns, String referenced) {
    }

    /** A reference to check on the source data: a target foreign key, or a logical reference of the mapping file. */
    private record Ref(String label, QualifiedName table, List<String> columns, QualifiedName references, List<String> refColumns,
                       Severity severity) {
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
                queries.add(new KeyQuery(Severity.ERROR, ProblemCode.DUPLICATE_KEY, key.label(),
                        "source rows share a value of this target key; remove the duplicates or drop the key",
                        "SELECT coalesce(sum(n), 0) FROM (" + groups + ") d",
                        "SELECT " + render + " || ' (' || count(*) || CASE count(*) WHEN 1 THEN ' row)' ELSE ' rows)' END FROM " + move.source().rowsSql() + " WHERE " + notNull
                                + " GROUP BY " + exprs + " HAVING count(*) > 1 LIMIT 10", null));
            }
        }
        return queries;
    }

    /**
     * Orphan checks of the target's foreign keys (errors: the load would fail) and of the mapping file's logical
     * references (warnings: nothing enforces them, the validation reports them after the load).
     */
    static List<KeyQuery> foreignKeys(MovePlan plan, List<LogicalReference> logical, Predicate<QualifiedName> targetTableIsEmpty) {
        List<Ref> refs = new ArrayList<>();
        plan.target().foreignKeys().forEach(fk -> refs.add(new Ref(fk.label(), fk.table(), fk.columns(), fk.references(),
                fk.refColumns(), Severity.ERROR)));
        logical.forEach(r -> refs.add(new Ref(r.label(), r.fromTable(), List.of(r.fromColumn()), r.toTable(), List.of(r.toColumn()),
                Severity.WARNING)));
        List<KeyQuery> queries = new ArrayList<>();
        for (Ref ref : refs) {
            orphans(plan, ref, targetTableIsEmpty).ifPresent(queries::add);
        }
        return queries;
    }

    private static Optional<KeyQuery> orphans(MovePlan plan, Ref fk, Predicate<QualifiedName> targetTableIsEmpty) {
        Optional<TableMove> child = plan.intoTarget(fk.table());
        Optional<List<ColumnMove>> childColumns = child.flatMap(c -> columnsFor(c, fk.columns()));
        if (childColumns.isEmpty()) {
            return Optional.empty();
        }
        Optional<TableMove> parent = plan.intoTarget(fk.references());
        List<String> keys = keyNames(childColumns.get().size());
        String present = keys.stream().map(k -> "c." + k + " IS NOT NULL").collect(Collectors.joining(" AND "));
        String orphanWhere;
        if (parent.isPresent()) {
            Optional<List<ColumnMove>> parentColumns = columnsFor(parent.get(), fk.refColumns());
            if (parentColumns.isEmpty() || sourceHasSameForeignKey(plan, child.get(), childColumns.get(), parent.get(), parentColumns.get())) {
                return Optional.empty();
            }
            if (parent.get().target().extensionConfig()) {
                // The target's rows of it are the extension's own plus the user rows copied: no one side holds them all.
                return Optional.of(new KeyQuery(Severity.WARNING, ProblemCode.FK_NOT_CHECKED, fk.label(), "references " + fk.references()
                        + ", an extension's configuration table whose own rows are on the target; checked when the constraint is "
                        + "validated after the load", null, null, null));
            }
            String match = keys.stream().map(k -> "p." + k + "::text = c." + k + "::text").collect(Collectors.joining(" AND "));
            orphanWhere = present + " AND NOT EXISTS (SELECT 1 FROM (" + keySelect(parent.get().source(), parentColumns.get())
                    + ") p WHERE " + match + ")";
        } else if (targetTableIsEmpty.test(fk.references())) {
            orphanWhere = present;
        } else {
            return Optional.of(new KeyQuery(Severity.WARNING, ProblemCode.FK_NOT_CHECKED, fk.label(), "references " + fk.references()
                    + ", which is not copied and already holds rows; checked when the constraint is validated after the load", null, null, null));
        }
        return Optional.of(orphanQuery(fk, keySelect(child.get().source(), childColumns.get()), keys, orphanWhere));
    }

    /**
     * The queries over the child's key columns (as {@code c}, named {@code keys}) that count the rows matching
     * {@code orphanWhere}, list some of them, and sample the missing keys most referenced.
     */
    private static KeyQuery orphanQuery(Ref fk, String childKeys, List<String> keys, String orphanWhere) {
        String from = " FROM (" + childKeys + ") c WHERE " + orphanWhere;
        String keyList = String.join(", ", keys.stream().map(k -> "c." + k).toList());
        String value = keys.size() == 1 ? "c.k1::text" : "'(' || concat_ws(', ', " + keys.stream().map(k -> "c." + k + "::text")
                .collect(Collectors.joining(", ")) + ") || ')'";
        Missing missing = new Missing("SELECT " + value + ", count(*)" + from + " GROUP BY " + keyList + " ORDER BY count(*) DESC, 1 LIMIT "
                + Problem.MAX_SAMPLES, names(fk.columns()),
                fk.references() + (fk.refColumns().size() == 1 ? "." : " ") + names(fk.refColumns()));
        return new KeyQuery(fk.severity(), ProblemCode.FK_ORPHAN, fk.label(), "source rows reference keys missing from " + fk.references()
                + "; add the missing rows, fix or delete the orphans, or exclude the table",
                "SELECT count(*)" + from, "SELECT c.pgcarry_key" + from + " LIMIT 10", missing);
    }

    /** Columns as a person writes them: one alone, several in parentheses. */
    private static String names(List<String> columns) {
        List<String> shown = columns.stream().map(Identifiers::display).toList();
        return shown.size() == 1 ? shown.get(0) : "(" + String.join(", ", shown) + ")";
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
                        && new HashSet<>(sourceColumns).containsAll(k.columns()));
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
