package io.pgcarry.plan;

import io.pgcarry.catalog.Column;
import java.util.Objects;

/**
 * One target column and where its values come from.
 *
 * @param target      the target column
 * @param source      the source column, or null for a mapping expression
 * @param sourceSql   what the source SELECT lists for it (a quoted column or an expression)
 * @param conversion  same type, cast or expression
 * @param note        for a cast, how it is done (for the check report)
 */
public record ColumnMove(Column target, Column source, String sourceSql, Conversion conversion, String note) {
    public ColumnMove {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(sourceSql, "sourceSql");
    }

    /** Whether binary COPY can carry this column: the same built-in type on both sides. */
    public boolean binaryCompatible() {
        return conversion == Conversion.SAME && target.builtIn() && source != null && source.builtIn()
                && source.binaryIo() && target.binaryIo();
    }
}
