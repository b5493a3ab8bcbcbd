package io.pgcarry.cli;

import io.pgcarry.embedded.EmbeddedPostgresException;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;

/** The one place where failures become exit codes (documented in the README and in --help). */
final class ExitCodes {
    static final int OK = 0;
    static final int PROBLEMS_FOUND = ErrorCode.PROBLEMS_FOUND.exitCode();
    static final int USAGE = ErrorCode.CONFIGURATION.exitCode();
    static final int RUNTIME = ErrorCode.IO.exitCode();
    static final int INTERRUPTED = ErrorCode.INTERRUPTED.exitCode();

    private ExitCodes() {
    }

    static int of(Throwable failure) {
        if (failure instanceof PgCarryException e) {
            return e.code().exitCode();
        }
        if (failure instanceof EmbeddedPostgresException) {
            return RUNTIME;
        }
        if (failure instanceof InterruptedException) {
            return INTERRUPTED;
        }
        return RUNTIME;
    }
}
