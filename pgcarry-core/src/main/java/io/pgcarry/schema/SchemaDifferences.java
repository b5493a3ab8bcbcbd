package io.pgcarry.schema;

import java.util.List;
import java.util.TreeSet;

/**
 * Every difference between SOURCE and TARGET, sorted by object, and what each side could not model: those objects
 * are not compared, so their presence is a difference of its own, never "no differences".
 */
public record SchemaDifferences(List<ObjectDifference> differences, List<String> sourceWarnings, List<String> targetWarnings) {
    public SchemaDifferences {
        differences = List.copyOf(differences);
        sourceWarnings = List.copyOf(sourceWarnings);
        targetWarnings = List.copyOf(targetWarnings);
    }

    /** True only when everything was compared and nothing differs. */
    public boolean none() {
        return differences.isEmpty() && notCompared().isEmpty();
    }

    /** Objects either side holds that the model does not carry, each once, as "kind name". */
    public List<String> notCompared() {
        TreeSet<String> all = new TreeSet<>(sourceWarnings);
        all.addAll(targetWarnings);
        return List.copyOf(all);
    }

    public long count(ObjectDifference.Change change) {
        return differences.stream().filter(d -> d.change() == change).count();
    }
}
