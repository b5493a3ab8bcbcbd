package io.pgcarry.check;

import io.pgcarry.report.Counts;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;

/** A move stopped before writing anything because its checks found errors; carries the full report. */
public class ChecksFailedException extends PgCarryException {
    private final CheckReport report;

    public ChecksFailedException(CheckReport report) {
        super(ErrorCode.PROBLEMS_FOUND, Counts.of(report.errors(), "problem") + " found before writing anything; nothing was changed");
        this.report = report;
    }

    /** {@code whatWasChanged} ends the message: what is already on the target, and what to do about it. */
    public ChecksFailedException(CheckReport report, String whatWasChanged) {
        super(ErrorCode.PROBLEMS_FOUND, Counts.of(report.errors(), "problem") + " found before copying any row; " + whatWasChanged);
        this.report = report;
    }

    public CheckReport report() {
        return report;
    }
}
