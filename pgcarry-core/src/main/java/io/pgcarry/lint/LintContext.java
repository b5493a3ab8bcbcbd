package io.pgcarry.lint;

import io.pgcarry.error.ConfigurationException;
import java.util.Objects;

/**
 * What the rules know beyond the files.
 *
 * @param pgVersion       the PostgreSQL major version the migration will run on
 * @param versionSource   where that version came from, for the report: {@code server}, {@code --pg-version} or
 *                        {@code assumed}
 * @param smallTableBytes a table below this size is small: a size-scaled finding on it is one severity lower
 * @param facts           what the target database says of the tables touched ({@link TargetFacts#NONE} without one)
 * @param lockTimeoutSet  whether the runner sets {@code lock_timeout} itself ({@code migrate apply}, {@code rehearse}), so
 *                        the files need not
 */
public record LintContext(int pgVersion, String versionSource, long smallTableBytes, TargetFacts facts, boolean lockTimeoutSet) {
    /** The oldest PostgreSQL pgcarry supports, assumed when nothing says which version the migration meets. */
    public static final int OLDEST_SUPPORTED = 13;
    /** 10 MB: the default size under which a table is small. */
    public static final long DEFAULT_SMALL_TABLE = 10L * 1024 * 1024;

    public LintContext {
        if (pgVersion < 10 || pgVersion > 99) {
            throw new ConfigurationException("--pg-version must be a PostgreSQL major version from 10 up, got " + pgVersion);
        }
        Objects.requireNonNull(versionSource, "versionSource");
        Objects.requireNonNull(facts, "facts");
        if (smallTableBytes < 0) {
            throw new ConfigurationException("--small-table must not be negative");
        }
    }

    /** Without a database: {@code pgVersion} if given, else the oldest supported version, assumed. */
    public static LintContext offline(Integer pgVersion) {
        return pgVersion == null ? new LintContext(OLDEST_SUPPORTED, "assumed", DEFAULT_SMALL_TABLE, TargetFacts.NONE, false)
                : new LintContext(pgVersion, "--pg-version", DEFAULT_SMALL_TABLE, TargetFacts.NONE, false);
    }

    /**
     * For the database behind {@code connection} (kept open by the caller while {@link Lint#check} runs): its version,
     * and its sizes, column types and functions read through it.
     */
    public static LintContext online(java.sql.Connection connection, long smallTableBytes) {
        return new LintContext(DatabaseFacts.majorVersion(connection), "server", smallTableBytes, new DatabaseFacts(connection), false);
    }

    /** The same with another small-table threshold. */
    public LintContext withSmallTable(long bytes) {
        return new LintContext(pgVersion, versionSource, bytes, facts, lockTimeoutSet);
    }

    /** The same for a runner that sets {@code lock_timeout} on its own. */
    public LintContext withLockTimeoutSet() {
        return new LintContext(pgVersion, versionSource, smallTableBytes, facts, true);
    }
}
