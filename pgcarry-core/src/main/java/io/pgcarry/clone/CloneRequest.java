package io.pgcarry.clone;

import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.Setting;
import io.pgcarry.verify.ValidationLevel;
import java.util.List;
import java.util.Objects;

/**
 * A clone to run.
 *
 * @param from           the source
 * @param to             the target: an empty database
 * @param jobs           parallel workers
 * @param validation     how to validate afterwards, or null for no validation
 * @param withPrivileges also copy owners and grants (the roles must exist on the target)
 * @param excludeTableData patterns of tables whose rows are not copied (their definitions are)
 * @param skipUnmodelled clone even though the source has objects pgcarry does not carry, leaving them out
 */
public record CloneRequest(ConnectionSpec from, ConnectionSpec to, int jobs, ValidationLevel validation, boolean withPrivileges,
                           List<String> excludeTableData, boolean skipUnmodelled) {
    public CloneRequest(ConnectionSpec from, ConnectionSpec to, int jobs, ValidationLevel validation, boolean withPrivileges) {
        this(from, to, jobs, validation, withPrivileges, List.of());
    }

    public CloneRequest(ConnectionSpec from, ConnectionSpec to, int jobs, ValidationLevel validation, boolean withPrivileges,
                        List<String> excludeTableData) {
        this(from, to, jobs, validation, withPrivileges, excludeTableData, false);
    }

    public CloneRequest {
        excludeTableData = List.copyOf(excludeTableData);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (jobs < 1) {
            throw new ConfigurationException(Setting.JOBS.mention() + " must be at least 1, got " + jobs);
        }
    }
}
