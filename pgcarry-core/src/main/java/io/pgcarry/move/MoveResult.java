package io.pgcarry.move;

import io.pgcarry.arrival.SchemaCheck;
import io.pgcarry.check.CheckReport;
import io.pgcarry.verify.ValidationReport;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a move.
 *
 * @param check       the preflight report
 * @param run         the journal's run id
 * @param resumed     whether this continued an earlier run
 * @param tables      per table, what was copied
 * @param rows        rows copied in all
 * @param bytes       bytes streamed in all
 * @param restored    foreign keys, indexes and triggers brought back
 * @param sequences   sequences set
 * @param validation  the validation, or null when skipped
 * @param seconds     wall time
 * @param schema      the target's indexes, constraints and triggers compared with before the move
 * @param largeObjects large objects copied
 */
public record MoveResult(CheckReport check, long run, boolean resumed, List<TableResult> tables, long rows, long bytes,
                         int restored, int sequences, ValidationReport validation, double seconds,
                         SchemaCheck schema, long largeObjects) {
    public MoveResult {
        tables = List.copyOf(tables);
        Objects.requireNonNull(schema, "schema");
    }

    public MoveResult(CheckReport check, long run, boolean resumed, List<TableResult> tables, long rows, long bytes,
                      int restored, int sequences, ValidationReport validation, double seconds, SchemaCheck schema) {
        this(check, run, resumed, tables, rows, bytes, restored, sequences, validation, seconds, schema, 0);
    }

    public boolean passed() {
        return (validation == null || validation.passed()) && schema.passed();
    }
}
