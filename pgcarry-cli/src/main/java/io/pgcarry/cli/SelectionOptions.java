package io.pgcarry.cli;

import io.pgcarry.plan.Mapping;
import io.pgcarry.plan.MappingFile;
import io.pgcarry.plan.TableSelection;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which tables take part and how they map: shared by {@code check}, {@code move} and {@code validate}. */
public final class SelectionOptions {
    @Option(names = "--map", paramLabel = "FILE", description = "Mapping file (YAML): renamed tables and columns, exclusions, values, references.")
    Path map;

    @Mixin
    TableFilterOptions tables;

    Mapping mapping() {
        return MappingFile.load(map);
    }

    TableSelection selection() {
        return tables.selection();
    }
}
