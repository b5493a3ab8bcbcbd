package io.pgcarry.cli;

import io.pgcarry.check.CheckOptions;
import io.pgcarry.check.LoadTriggers;
import io.pgcarry.error.ConfigurationException;
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

    @Option(names = "--trigger-search-path", description = "Run each COPY with the target role's default search_path, so"
            + " user triggers that fire during the load find unqualified names as the application does (pgcarry's own"
            + " statements keep pg_catalog, pg_temp).")
    boolean triggerSearchPath;

    CheckOptions toCheckOptions() {
        if (disableTriggers && triggerSearchPath) {
            throw new ConfigurationException("--disable-triggers and --trigger-search-path exclude each other: pick one");
        }
        LoadTriggers triggers = disableTriggers ? LoadTriggers.DISABLE
                : triggerSearchPath ? LoadTriggers.FIRE_WITH_TARGET_SEARCH_PATH : LoadTriggers.FIRE;
        return new CheckOptions(selection.mapping(), selection.selection(), truncateTarget, allowDroppedColumns, triggers);
    }
}
