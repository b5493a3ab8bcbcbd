package io.pgcarry.verify;

import io.pgcarry.catalog.Constraint;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.plan.LogicalReference;
import java.util.List;

/**
 * A reference to check for orphans: a declared foreign key, or a logical reference from the mapping file.
 *
 * @param label       how reports name it
 * @param table       the referencing table
 * @param columns     its referencing columns
 * @param references  the referenced table
 * @param refColumns  the referenced columns
 */
public record Reference(String label, QualifiedName table, List<String> columns, QualifiedName references, List<String> refColumns) {
    public Reference {
        columns = List.copyOf(columns);
        refColumns = List.copyOf(refColumns);
    }

    public static Reference of(Constraint fk) {
        return new Reference(fk.label(), fk.table(), fk.columns(), fk.references(), fk.refColumns());
    }

    public static Reference of(LogicalReference r) {
        return new Reference(r.label(), r.fromTable(), List.of(r.fromColumn()), r.toTable(), List.of(r.toColumn()));
    }
}
