package io.pgcarry.cli;

import io.pgcarry.check.CheckOptions;
import io.pgcarry.plan.MappingFile;
import io.pgcarry.plan.TableSelection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** What to copy and how carefully: shared by {@code check} and {@code move}. */
public final class MoveOptions {
    @Option(names = "--map", paramLabel = "FILE", description = "Mapping file (YAML): renamed tables and columns, exclusions, values.")
    Path map;

    @Option(names = "--include", paramLabel = "PATTERN", split = ",",
            description = "Copy only tables matching these patterns (table or schema.table, * and ? allowed).")
    List<String> includes = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "PATTERN", split = ",", description = "Never copy tables matching these patterns.")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--truncate-target", description = "DELETE the rows target tables already hold before loading (said loudly).")
    boolean truncateTarget;

    @Option(names = "--allow-dropped-columns", description = "Leave behind source columns the target does not have.")
    boolean allowDroppedColumns;

    @Option(names = "--disable-triggers", description = "Disable user triggers of loaded tables during the load (journaled, re-enabled after).")
    boolean disableTriggers;

    CheckOptions toCheckOptions() {
        return new CheckOptions(MappingFile.load(map), new TableSelection(includes, excludes), truncateTarget,
                allowDroppedColumns, disableTriggers);
    }
}
