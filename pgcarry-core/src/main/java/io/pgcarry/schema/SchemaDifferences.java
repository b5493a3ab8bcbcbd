package io.pgcarry.schema;

import java.util.List;

/**
 * Every difference between SOURCE and TARGET, sorted by object, and what each side could not model.
 */
public record SchemaDifferences(List<ObjectDifference> differences, List<String> sourceWarnings, List<String> targetWarnings) {
    public SchemaDifferences {
        differences = List.copyOf(differences);
        sourceWarnings = List.copyOf(sourceWarnings);
        targetWarnings = List.copyOf(targetWarnings);
    }

    public boolean none() {
        return differences.isEmpty();
    }

    public long count(ObjectDifference.Change change) {
        return differences.stream().filter(d -> d.change() == change).count();
    }
}
