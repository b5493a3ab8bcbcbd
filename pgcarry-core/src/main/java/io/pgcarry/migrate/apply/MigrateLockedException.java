package io.pgcarry.migrate.apply;

import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;

/** Another {@code migrate apply} holds the database's migrate lock; the message names its session. */
public class MigrateLockedException extends PgCarryException {
    public MigrateLockedException(String message) {
        super(ErrorCode.DATABASE, message);
    }
}
