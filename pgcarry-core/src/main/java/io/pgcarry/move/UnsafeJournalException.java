package io.pgcarry.move;

import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;

/**
 * pgcarry's journal (schema {@code pgcarry} in the target) holds something pgcarry did not put there: an object owned
 * by another role, a grant, a trigger, rule or policy, or a set-aside definition that is not a statement pgcarry writes.
 * pgcarry then refuses to use it, since whoever could change it could make the role running pgcarry execute their code.
 */
public final class UnsafeJournalException extends PgCarryException {
    public UnsafeJournalException(String message) {
        super(ErrorCode.DATABASE, message);
    }
}
