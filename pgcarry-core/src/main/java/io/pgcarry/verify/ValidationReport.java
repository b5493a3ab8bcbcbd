package io.pgcarry.verify;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pgcarry.largeobject.LargeObjectValidation;
import io.pgcarry.report.Problem;
import java.util.List;

/**
 * Everything a validation compared.
 *
 * @param level        count, hash or full
 * @param problems     schema-level findings (a table the target lacks fails the validation)
 * @param tables       per table, how it compared
 * @param references   orphans per foreign key and mapping reference
 * @param sequences    sequences against the columns they feed
 * @param seconds      wall time
 * @param largeObjects how the large objects compared; null when they were not (a validation of selected tables)
 */
public record ValidationReport(String level, List<Problem> problems, List<TableValidation> tables,
                               List<ReferenceValidation> references, List<SequenceValidation> sequences, double seconds,
                               @JsonInclude(JsonInclude.Include.NON_NULL) LargeObjectValidation largeObjects) {
    public ValidationReport {
        problems = List.copyOf(problems);
        tables = List.copyOf(tables);
        references = List.copyOf(references);
        sequences = List.copyOf(sequences);
    }

    /** A validation that did not compare large objects. */
    public ValidationReport(String level, List<Problem> problems, List<TableValidation> tables,
                            List<ReferenceValidation> references, List<SequenceValidation> sequences, double seconds) {
        this(level, problems, tables, references, sequences, seconds, null);
    }

    /** This report with the comparison of the large objects added, and its time. */
    public ValidationReport withLargeObjects(LargeObjectValidation compared, double moreSeconds) {
        return new ValidationReport(level, problems, tables, references, sequences, seconds + moreSeconds, compared);
    }

    public boolean passed() {
        return problems.stream().noneMatch(Problem::isError) && tables.stream().allMatch(TableValidation::passed) && references.stream().allMatch(ReferenceValidation::passed)
                && sequences.stream().allMatch(SequenceValidation::passed) && (largeObjects == null || largeObjects.passed());
    }
}
