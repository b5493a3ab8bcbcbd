package io.pgcarry.move;

import io.pgcarry.check.CheckOptions;
import io.pgcarry.connect.ConnectionSpec;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.Setting;
import io.pgcarry.verify.ValidationLevel;
import java.util.Objects;

/**
 * A move to run.
 *
 * @param from        the source
 * @param to          the target
 * @param options     mapping, selection and safety options shared with check
 * @param jobs        parallel workers (each holds one source and one target connection)
 * @param splitRows   tables estimated above twice this many rows (or 64 MB) are split into ranges of about this size; 0 (the
 *                    default) splits a table only where that shortens the copy by {@code jobs} workers
 * @param validation  how to validate afterwards, or null for no validation
 * @param withPrivileges also carry the owners and grants of large objects (a clone with {@code --with-privileges}); a
 *                    move carries their content and comments
 */
public record MoveRequest(ConnectionSpec from, ConnectionSpec to, CheckOptions options, int jobs, long splitRows,
                          ValidationLevel validation, boolean withPrivileges) {
    public static final long DEFAULT_SPLIT_ROWS = 0;

    public MoveRequest(ConnectionSpec from, ConnectionSpec to, CheckOptions options, int jobs, long splitRows,
                       ValidationLevel validation) {
        this(from, to, options, jobs, splitRows, validation, false);
    }

    public MoveRequest {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(options, "options");
        if (jobs < 1) {
            throw new ConfigurationException(Setting.JOBS.mention() + " must be at least 1, got " + jobs);
        }
        if (splitRows < 0) {
            throw new ConfigurationException(Setting.SPLIT_ROWS.mention() + " must be at least 1, or 0 to split only where that shortens the copy, got " + splitRows);
        }
    }
}
