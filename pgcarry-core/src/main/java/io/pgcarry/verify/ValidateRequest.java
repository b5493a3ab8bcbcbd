package io.pgcarry.verify;

import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.Setting;
import io.pgcarry.plan.Mapping;
import io.pgcarry.plan.TableSelection;
import java.util.Objects;

/**
 * A validation to run between two databases.
 *
 * @param from        the source (the reference)
 * @param to          the target
 * @param mapping     renames, exclusions and logical references, as for a move
 * @param selection   which tables
 * @param level       count, hash or full
 * @param jobs        tables compared at once
 * @param maxDiffs    differing rows listed per table at full level
 * @param showValues  show differing values (off by default: data can be sensitive)
 */
public record ValidateRequest(ConnectionSpec from, ConnectionSpec to, Mapping mapping, TableSelection selection,
                              ValidationLevel level, int jobs, int maxDiffs, boolean showValues) {
    public ValidateRequest {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(level, "level");
        if (jobs < 1) {
            throw new ConfigurationException(Setting.JOBS.mention() + " must be at least 1, got " + jobs);
        }
        if (maxDiffs < 1) {
            throw new ConfigurationException(Setting.MAX_DIFFS.mention() + " must be at least 1, got " + maxDiffs);
        }
    }
}
