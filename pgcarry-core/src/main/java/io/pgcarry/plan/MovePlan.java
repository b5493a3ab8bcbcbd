package io.pgcarry.plan;

import io.pgcarry.catalog.Catalog;
import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.report.Problem;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The tables to copy and what the planner found on the way.
 *
 * @param source   the source catalog
 * @param target   the target catalog
 * @param tables   the table moves, in source name order
 * @param problems schema-level findings
 */
public record MovePlan(Catalog source, Catalog target, List<TableMove> tables, List<Problem> problems) {
    public MovePlan {
        tables = List.copyOf(tables);
        problems = List.copyOf(problems);
    }

    public Set<QualifiedName> targetTables() {
        return tables.stream().map(t -> t.target().name()).collect(Collectors.toSet());
    }

    public Optional<TableMove> intoTarget(QualifiedName target) {
        return tables.stream().filter(t -> t.target().name().equals(target)).findFirst();
    }
}
