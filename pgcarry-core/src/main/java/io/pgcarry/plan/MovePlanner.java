package io.pgcarry.plan;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.error.Setting;
import io.pgcarry.report.ProblemCode;
import io.pgcarry.catalog.Catalog;
import io.pgcarry.catalog.Column;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.catalog.Table;
import io.pgcarry.report.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Matches source tables and columns with the target's, following the mapping, and reports what does not fit. */
public final class MovePlanner {
    private final Mapping mapping;
    private final TableSelection selection;
    private final boolean allowDroppedColumns;

    public MovePlanner(Mapping mapping, TableSelection selection, boolean allowDroppedColumns) {
        this.mapping = mapping;
        this.selection = selection;
        this.allowDroppedColumns = allowDroppedColumns;
    }

    /** The plan; a selection or exclusion pattern that matches no source table is a ConfigurationException. */
    public MovePlan plan(Catalog source, Catalog target) {
        selection.requireEveryPatternMatches(source.tables().keySet(), mapping);
        List<Problem> problems = new ArrayList<>();
        List<TableMove> moves = new ArrayList<>();
        Map<QualifiedName, QualifiedName> targetsTaken = new HashMap<>();
        for (QualifiedName mapped : mapping.tables().keySet()) {
            if (source.table(mapped).isEmpty()) {
                problems.add(Problem.error(ProblemCode.MAPPING_UNKNOWN_TABLE, mapped.toString(),
                        "the mapping file maps table " + mapped + ", which the source does not have; fix its name"));
            }
        }
        for (Table table : source.tables().values()) {
            Optional<String> skipped = skipReason(table.name());
            if (skipped.isPresent()) {
                problems.add(Problem.note(ProblemCode.TABLE_EXCLUDED, table.name().toString(), skipped.get()));
                continue;
            }
            TableMapping tableMapping = mapping.forSource(table.name());
            Optional<Table> into = target.table(tableMapping.target());
            if (into.isEmpty()) {
                problems.add(Problem.error(ProblemCode.TABLE_MISSING, table.name().toString(), "target has no table "
                        + tableMapping.target() + "; create it, map the table to another one in the mapping file, or exclude it with " + Setting.EXCLUDE.mention()));
                continue;
            }
            QualifiedName earlier = targetsTaken.putIfAbsent(into.get().name(), table.name());
            if (earlier != null) {
                problems.add(Problem.error(ProblemCode.TARGET_TWICE, into.get().name().toString(), "source tables " + earlier + " and "
                        + table.name() + " both go into " + into.get().name() + "; map or exclude one of them"));
                continue;
            }
            moves.add(planTable(table, into.get(), tableMapping, problems));
        }
        return new MovePlan(source, target, moves, problems);
    }

    private Optional<String> skipReason(QualifiedName table) {
        if (!selection.isIncluded(table)) {
            return Optional.of("not selected by " + Setting.INCLUDE.mention());
        }
        if (selection.isDefaultExcluded(table)) {
            return Optional.of("migration history table: the target keeps its own");
        }
        if (selection.isExcluded(table, mapping)) {
            return Optional.of("excluded by " + Setting.EXCLUDE.mention() + " or the mapping file");
        }
        return Optional.empty();
    }

    private TableMove planTable(Table source, Table target, TableMapping map, List<Problem> problems) {
        List<ColumnMove> columns = new ArrayList<>();
        List<ColumnMove> generated = new ArrayList<>();
        for (String renamed : map.columnRenames().keySet()) {
            if (source.column(renamed).isEmpty()) {
                problems.add(Problem.error(ProblemCode.MAPPING_UNKNOWN_COLUMN, source.name() + "." + Identifiers.display(renamed),
                        "the mapping file renames column " + renamed + ", which source table " + source.name() + " does not have"));
            }
        }
        for (Column column : source.columns()) {
            planColumn(column, source, target, map, columns, generated, problems);
        }
        map.values().forEach((targetName, expression) -> {
            Optional<Column> into = target.column(targetName);
            if (into.isEmpty()) {
                problems.add(Problem.error(ProblemCode.MAPPING_UNKNOWN_COLUMN, target.name() + "." + Identifiers.display(targetName),
                        "the mapping file sets column " + targetName + ", which target table " + target.name() + " does not have"));
            } else {
                columns.add(new ColumnMove(into.get(), null, "(" + expression + ")", Conversion.EXPRESSION, "= " + expression));
            }
        });
        Set<String> filled = new HashSet<>();
        columns.forEach(c -> filled.add(c.target().name()));
        for (Column column : target.columns()) {
            if (!filled.contains(column.name()) && column.notNull() && !column.hasDefault()) {
                problems.add(Problem.error(ProblemCode.NOT_NULL_NO_SOURCE, target.name() + "." + Identifiers.display(column.name()), "target column is NOT NULL "
                        + "without a default and nothing fills it; add a default, or a value in the mapping file (values: {"
                        + column.name() + ": ...})"));
            }
        }
        return new TableMove(source, target, columns, generated);
    }

    /** Where one source column goes: into {@code columns} when copied, {@code generated} when both sides compute it. */
    private void planColumn(Column column, Table source, Table target, TableMapping map, List<ColumnMove> columns,
                            List<ColumnMove> generated, List<Problem> problems) {
        String where = source.name() + "." + Identifiers.display(column.name());
        if (map.excludedColumns().contains(column.name())) {
            problems.add(Problem.note(ProblemCode.COLUMN_EXCLUDED, where, "excluded by the mapping file"));
            return;
        }
        String targetName = map.columnRenames().getOrDefault(column.name(), column.name());
        Optional<Column> into = target.column(targetName);
        if (into.isEmpty()) {
            problems.add(allowDroppedColumns
                    ? Problem.warning(ProblemCode.COLUMN_DROPPED, where, "target " + target.name() + " has no column " + targetName
                            + "; its data is left behind (" + Setting.ALLOW_DROPPED_COLUMNS.mention() + ")")
                    : Problem.error(ProblemCode.COLUMN_DROPPED, where, "target " + target.name() + " has no column " + targetName
                            + "; its data would be lost: rename it in the mapping file, exclude it, or pass " + Setting.ALLOW_DROPPED_COLUMNS.mention()));
            return;
        }
        if (map.values().containsKey(targetName)) {
            return;
        }
        Column targetColumn = into.get();
        if (targetColumn.generated()) {
            if (column.generated() && TypeCompatibility.same(column, targetColumn)) {
                generated.add(new ColumnMove(targetColumn, column, column.sql(), Conversion.SAME, null));
            }
            problems.add(Problem.note(ProblemCode.GENERATED_SKIPPED, target.name() + "." + Identifiers.display(targetName),
                    "generated column: computed by the target, not copied"));
            return;
        }
        ColumnMove move = columnMove(column, targetColumn, where, problems);
        if (move != null) {
            columns.add(move);
        }
    }

    private static ColumnMove columnMove(Column source, Column target, String where, List<Problem> problems) {
        if (TypeCompatibility.same(source, target)) {
            return new ColumnMove(target, source, source.sql(), Conversion.SAME, null);
        }
        Optional<String> cast = TypeCompatibility.castNote(source, target);
        if (cast == null) {
            problems.add(Problem.error(ProblemCode.TYPE_INCOMPATIBLE, where, "source type " + source.type() + " cannot go into target "
                    + "type " + target.type() + "; convert it with an expression in the mapping file (values:) or align the schemas"));
            return null;
        }
        problems.add(Problem.note(ProblemCode.TYPE_CAST, where, cast.get()));
        return new ColumnMove(target, source, source.sql(), Conversion.CAST, cast.get());
    }
}
