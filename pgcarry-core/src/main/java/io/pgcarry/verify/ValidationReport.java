package io.pgcarry.verify;

import io.pgcarry.report.Problem;
import java.util.List;

/**
 * Everything a validation compared.
 *
 * @param level       count, hash or full
 * @param problems    schema-level findings (a table the target lacks fails the validation)
 * @param tables      per table, how it compared
 * @param references  orphans per foreign key and mapping reference
 * @param sequences   sequences against the columns they feed
 * @param seconds     wall time
 */
public record ValidationReport(String level, List<Problem> problems, List<TableValidation> tables,
                               List<ReferenceValidation> references, List<SequenceValidation> sequences, double seconds) {
    public ValidationReport {
        problems = List.copyOf(problems);
        tables = List.copyOf(tables);
        references = List.copyOf(references);
        sequences = List.copyOf(sequences);
    }

    public boolean passed() {
        return problems.stream().noneMatch(Problem::isError) && tables.stream().allMatch(TableValidation::passed) && references.stream().allMatch(ReferenceValidation::passed)
                && sequences.stream().allMatch(SequenceValidation::passed);
    }
}
