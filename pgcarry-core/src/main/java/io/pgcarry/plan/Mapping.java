package io.pgcarry.plan;

import io.pgcarry.catalog.QualifiedName;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The mapping file's content: renamed tables and columns, excluded tables and columns, computed values and
 * logical references. An absent file is the empty mapping.
 *
 * @param excludes   table patterns never copied
 * @param tables     per source table, how it maps
 * @param references logical references to check after a move
 */
public record Mapping(List<String> excludes, Map<QualifiedName, TableMapping> tables, List<LogicalReference> references) {
    public static final Mapping EMPTY = new Mapping(List.of(), Map.of(), List.of());

    public Mapping {
        excludes = List.copyOf(excludes);
        excludes.forEach(TablePattern::parse);
        tables = Map.copyOf(tables);
        references = List.copyOf(references);
    }

    public TableMapping forSource(QualifiedName source) {
        return Optional.ofNullable(tables.get(source)).orElse(TableMapping.identity(source));
    }
}
