package io.pgcarry.importer;

import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;

/** The input files are not those a dry run read ({@code --expect-snapshot}): nothing was written. */
public class SnapshotMismatchException extends PgCarryException {
    public SnapshotMismatchException(String message) {
        super(ErrorCode.PROBLEMS_FOUND, message);
    }
}
