package io.pgcarry.catalog;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything pgcarry knows about one database, read once and never changed.
 *
 * @param versionNumber  {@code server_version_num}
 * @param tables         data-holding tables, by name
 * @param constraints    all table constraints
 * @param indexes        all indexes
 * @param sequences      all sequences
 * @param enums          enum types
 * @param triggers       user triggers
 */
public record Catalog(int versionNumber, Map<QualifiedName, Table> tables, List<Constraint> constraints,
                      List<Index> indexes, List<Sequence> sequences, List<EnumType> enums, List<Trigger> triggers) {

    public Catalog {
        tables = Collections.unmodifiableMap(new TreeMap<>(tables));
        constraints = List.copyOf(constraints);
        indexes = List.copyOf(indexes);
        sequences = List.copyOf(sequences);
        enums = List.copyOf(enums);
        triggers = List.copyOf(triggers);
    }

    static Catalog of(int versionNumber, List<Table> tables, List<Constraint> constraints, List<Index> indexes,
                      List<Sequence> sequences, List<EnumType> enums, List<Trigger> triggers) {
        Map<QualifiedName, Table> byName = tables.stream()
                .collect(Collectors.toMap(Table::name, Function.identity(), (a, b) -> a, TreeMap::new));
        return new Catalog(versionNumber, byName, constraints, indexes, sequences, enums, triggers);
    }

    public Optional<Table> table(QualifiedName name) {
        return Optional.ofNullable(tables.get(name));
    }

    public List<Constraint> foreignKeys() {
        return constraints.stream().filter(Constraint::isForeignKey)
                .sorted(Comparator.comparing(Constraint::table).thenComparing(Constraint::name)).toList();
    }

    public List<Constraint> constraintsOf(QualifiedName table) {
        return constraints.stream().filter(c -> c.table().equals(table)).toList();
    }

    public List<Index> indexesOf(QualifiedName table) {
        return indexes.stream().filter(i -> i.table().equals(table)).toList();
    }

    public List<Trigger> triggersOf(QualifiedName table) {
        return triggers.stream().filter(t -> t.table().equals(table)).toList();
    }

    public Optional<EnumType> enumType(QualifiedName name) {
        return enums.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public int majorVersion() {
        return versionNumber / 10000;
    }
}
