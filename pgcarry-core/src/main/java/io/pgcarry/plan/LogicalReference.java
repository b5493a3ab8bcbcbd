package io.pgcarry.plan;

import io.pgcarry.catalog.Identifiers;
import io.pgcarry.catalog.QualifiedName;

/**
 * A reference the schema does not declare but the data must honour (runbook 000's "Party FK integrity"):
 * every non-null {@code fromColumn} must exist in {@code toColumn}. Checked on the target by validation.
 */
public record LogicalReference(QualifiedName fromTable, String fromColumn, QualifiedName toTable, String toColumn) {
    public String label() {
        return fromTable + "." + Identifiers.display(fromColumn) + " -> " + toTable + "." + Identifiers.display(toColumn);
    }
}
