package io.pgcarry.verify;

import java.util.List;

/** Everything a validation compared. */
public record ValidationReport(String level, List<TableValidation> tables, List<ReferenceValidation> references,
                               List<SequenceValidation> sequences, double seconds) {
    public ValidationReport {
        tables = List.copyOf(tables);
        references = List.copyOf(references);
        sequences = List.copyOf(sequences);
    }

    public boolean passed() {
        return tables.stream().allMatch(TableValidation::passed) && references.stream().allMatch(ReferenceValidation::passed)
                && sequences.stream().allMatch(SequenceValidation::passed);
    }
}
