package io.pgcarry.check;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.report.ProblemCode;
import io.pgcarry.catalog.Catalog;
import io.pgcarry.catalog.Column;
import io.pgcarry.catalog.EnumType;
import io.pgcarry.catalog.Identifiers;
import io.pgcarry.plan.ColumnMove;
import io.pgcarry.plan.Conversion;
import io.pgcarry.plan.TableMove;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The per-column conditions of a table move: NULLs into NOT NULL, lengths, ranges, enum labels, UUID format. */
final class ColumnConditions {
    private static final Map<String, long[]> INTEGER_RANGES = Map.of(
            "int2", new long[] {Short.MIN_VALUE, Short.MAX_VALUE},
            "int4", new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE},
            "int8", new long[] {Long.MIN_VALUE, Long.MAX_VALUE});
    private static final String UUID_PATTERN = "^\\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\\}?$";

    private ColumnConditions() {
    }

    static List<RowCondition> of(TableMove move, Catalog source, Catalog target) {
        List<RowCondition> conditions = new ArrayList<>();
        for (ColumnMove column : move.columns()) {
            Column to = column.target();
            Column from = column.source();
            String expr = column.sourceSql();
            String where = move.target().name() + "." + Identifiers.display(to.name());
            boolean same = column.conversion() == Conversion.SAME;
            if (to.notNull() && (from == null || !from.notNull())) {
                conditions.add(new RowCondition(ProblemCode.NULL_INTO_NOT_NULL, where, expr + " IS NULL",
                        "source rows have NULL where the target column is NOT NULL; fill them or set a value in the mapping file", null));
            }
            if (to.array() && to.typeKind() == 'e' && !(same && sameLabels(from, to, source, target))) {
                target.enumType(enumName(to)).ifPresent(e -> conditions.add(enumArrayCondition(e, expr, where)));
                continue;
            }
            // A value of the same type fits, unless it is an enum's whose labels the target lacks; other arrays are not checked.
            if (to.array() || (same && !(to.typeKind() == 'e' && !sameLabels(from, to, source, target)))) {
                continue;
            }
            fits(from, to, expr, where, target, conditions);
        }
        return conditions;
    }

    /** Whether each converted value fits the target column's type: length, digits, integer range, enum label, UUID. */
    private static void fits(Column from, Column to, String expr, String where, Catalog target, List<RowCondition> conditions) {
        String base = baseName(to);
        if (to.maxLength() != null) {
            conditions.add(new RowCondition(ProblemCode.VALUE_TOO_LONG, where, "char_length((" + expr + ")::text) > " + to.maxLength(),
                    "values longer than " + to.maxLength() + " characters do not fit " + to.type(), null));
        }
        if (base.equals("numeric") && to.precision() != null) {
            int digits = to.precision() - to.scale();
            conditions.add(new RowCondition(ProblemCode.NUMERIC_OUT_OF_RANGE, where, "abs((" + expr + ")::numeric) >= 1e" + digits,
                    "values of " + digits + " or more integer digits do not fit " + to.type(), null));
        }
        long[] range = INTEGER_RANGES.get(base);
        if (range != null && from != null) {
            String n = "(" + expr + ")::numeric";
            conditions.add(new RowCondition(ProblemCode.INTEGER_OUT_OF_RANGE, where, "(" + n + " NOT BETWEEN " + range[0] + " AND " + range[1]
                    + " OR " + n + " <> trunc(" + n + "))", "values outside " + to.type() + " or with fractions do not fit", null));
        }
        if (to.typeKind() == 'e') {
            target.enumType(to.typeName()).ifPresent(e -> conditions.add(enumCondition(e, expr, where)));
        }
        if (base.equals("uuid") && from != null) {
            conditions.add(new RowCondition(ProblemCode.INVALID_UUID, where, "(" + expr + ")::text !~* " + Identifiers.literal(UUID_PATTERN),
                    "values that are not UUIDs do not fit uuid", "(" + expr + ")::text"));
        }
    }

    /** The enum's labels as a text[] literal. */
    private static String labels(EnumType type) {
        return type.labels().stream().map(Identifiers::literal).collect(Collectors.joining(", ", "ARRAY[", "]::text[]"));
    }

    private static RowCondition enumCondition(EnumType type, String expr, String where) {
        String labels = labels(type);
        return new RowCondition(ProblemCode.ENUM_VALUE_MISSING, where, "(" + expr + ")::text <> ALL (" + labels + ")",
                "source values are not labels of target enum " + type.name() + "; add them to the enum (ALTER TYPE ... ADD VALUE) "
                        + "or convert them in the mapping file", "(" + expr + ")::text");
    }

    private static RowCondition enumArrayCondition(EnumType type, String expr, String where) {
        String element = "EXISTS (SELECT 1 FROM unnest(" + expr + ") v WHERE v::text <> ALL (" + labels(type) + "))";
        return new RowCondition(ProblemCode.ENUM_VALUE_MISSING, where, element, "source arrays hold values that are not labels of target enum "
                + type.name() + "; add them to the enum (ALTER TYPE ... ADD VALUE) or convert them in the mapping file", null);
    }

    private static boolean sameLabels(Column from, Column to, Catalog source, Catalog target) {
        if (from == null) {
            return false;
        }
        Optional<EnumType> a = source.enumType(enumName(from));
        Optional<EnumType> b = target.enumType(enumName(to));
        return a.isPresent() && b.isPresent() && b.get().labels().containsAll(a.get().labels());
    }

    /** The enum type of a column, or of its elements for an array (array types are named {@code _element}). */
    private static QualifiedName enumName(Column column) {
        String name = column.typeName().name();
        return new QualifiedName(column.typeName().schema(),
                column.array() && name.startsWith("_") ? name.substring(1) : name);
    }

    private static String baseName(Column column) {
        return column.typeName().name();
    }
}
