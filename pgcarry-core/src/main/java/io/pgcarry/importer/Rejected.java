package io.pgcarry.importer;

import io.pgcarry.report.ProblemCode;

/**
 * A value that cannot go into its column: the record is rejected with the check's code, the JSON path of the value
 * and why. Thrown and caught within a record's conversion, so it carries no stack trace.
 */
final class Rejected extends RuntimeException {
    private final ProblemCode code;
    private final String path;

    Rejected(ProblemCode code, String path, String reason) {
        super(reason, null, false, false);
        this.code = code;
        this.path = path;
    }

    ProblemCode code() {
        return code;
    }

    String path() {
        return path;
    }

    /** The same rejection, with {@code prefix} before its path (a child's path within its parent record). */
    Rejected under(String prefix) {
        return new Rejected(code, prefix + path, getMessage());
    }
}
