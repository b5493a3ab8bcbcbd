package io.pgcarry.migrate;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code migrate status} found.
 *
 * @param tool       the tool whose directory and ledger were read
 * @param detectedBy how the tool was chosen: {@code --tool}, or the evidence of its layout or ledger
 * @param directory  the migration directory read
 * @param ledger     the ledger table read, or null when there is none yet (then every migration is pending)
 * @param migrations one row per migration, in the tool's order
 */
public record MigrationStatus(MigrationTool tool, String detectedBy, Path directory, String ledger,
                              List<MigrationRow> migrations) {
    public MigrationStatus {
        migrations = List.copyOf(migrations);
    }

    /** How many migrations are in each state (only states that occur), in the states' order, keyed by label. */
    @JsonProperty("counts")
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (MigrationState state : MigrationState.values()) {
            int n = (int) migrations.stream().filter(m -> m.state() == state).count();
            if (n > 0) {
                counts.put(state.label(), n);
            }
        }
        return counts;
    }

    /** Whether everything is applied and unmodified (line-ending changes aside): exit code 0. */
    public boolean upToDate() {
        return migrations.stream().noneMatch(m -> m.state().fault());
    }
}
