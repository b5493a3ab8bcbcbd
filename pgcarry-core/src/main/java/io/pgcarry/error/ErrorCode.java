package io.pgcarry.error;

/** What kind of failure an error is; each kind has one documented exit code. */
public enum ErrorCode {
    /** A check or verification ran and found problems. */
    PROBLEMS_FOUND(1),
    /** The command line or a configuration file is wrong. */
    CONFIGURATION(2),
    /** A database could not be reached or refused the login. */
    CONNECTION(3),
    /** A statement failed on a reachable database. */
    DATABASE(3),
    /** A local file or process failed. */
    IO(3),
    /** The user interrupted the work (Ctrl-C). */
    INTERRUPTED(130);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
