package io.pgcarry.cli;

import io.pgcarry.plan.TableSelection;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which tables take part, by pattern: shared by {@code check}, {@code move}, {@code validate} and {@code tables}. */
public final class TableFilterOptions {
    @Option(names = "--include", paramLabel = "PATTERN", split = ",",
            description = "Only tables matching these patterns (table or schema.table, * and ? allowed).")
    List<String> includes = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "PATTERN", split = ",", description = "Never tables matching these patterns.")
    List<String> excludes = new ArrayList<>();

    TableSelection selection() {
        return new TableSelection(includes, excludes);
    }
}
