package io.pgcarry.cli;

import io.pgcarry.plan.Mapping;
import io.pgcarry.plan.MappingFile;
import io.pgcarry.plan.TableSelection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which tables take part and how they map: shared by {@code check}, {@code move} and {@code validate}. */
public final class SelectionOptions {
    @Option(names = "--map", paramLabel = "FILE", description = "Mapping file (YAML): renamed tables and columns, exclusions, values, references.")
    Path map;

    @Option(names = "--include", paramLabel = "PATTERN", split = ",",
            description = "Only tables matching these patterns (table or schema.table, * and ? allowed).")
    List<String> includes = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "PATTERN", split = ",", description = "Never tables matching these patterns.")
    List<String> excludes = new ArrayList<>();

    Mapping mapping() {
        return MappingFile.load(map);
    }

    TableSelection selection() {
        return new TableSelection(includes, excludes);
    }
}
