package io.pgcarry.cli;

import io.pgcarry.check.CheckOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What to copy and how carefully: shared by {@code check} and {@code move}. */
public final class MoveOptions {
    @Mixin
    SelectionOptions selection;

    @Option(names = "--truncate-target", description = "DELETE the rows target tables already hold before loading (said loudly).")
    boolean truncateTarget;

    @Option(names = "--allow-dropped-columns", description = "Leave behind source columns the target does not have.")
    boolean allowDroppedColumns;

    @Option(names = "--disable-triggers", description = "Disable user triggers of loaded tables during the load (journaled, re-enabled after).")
    boolean disableTriggers;

    CheckOptions toCheckOptions() {
        return new CheckOptions(selection.mapping(), selection.selection(), truncateTarget,
                allowDroppedColumns, disableTriggers);
    }
}
