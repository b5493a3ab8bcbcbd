package io.pgcarry.backup;

import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;

/** An archive that is missing, damaged or not an archive at all: the message names the file at fault. */
public class ArchiveException extends PgCarryException {
    public ArchiveException(String message) {
        super(ErrorCode.PROBLEMS_FOUND, message);
    }
}
