package io.pgcarry.importer;

import io.pgcarry.report.ProblemCode;

/**
 * A value that cannot go into its column: the record is rejected with the check's code, the JSON path of the value
 * and why. Thrown and caught within a record's conversion, so it carries no stack trace.
 */
final class Rejected extends RuntimeException {
    private final ProblemCode code;
    private final String path;
    private final String object;

    Rejected(ProblemCode code, String path, String reason) {
        this(code, path, reason, null);
    }

    private Rejected(ProblemCode code, String path, String reason, String object) {
        super(reason, null, false, false);
        this.code = code;
        this.path = path;
        this.object = object;
    }

    /** The table whose row the value was for, or null until known. */
    String object() {
        return object;
    }

    /** The same rejection, naming the table unless a child's table already is. */
    Rejected in(String table) {
        return object != null ? this : new Rejected(code, path, getMessage(), table);
    }

    ProblemCode code() {
        return code;
    }

    String path() {
        return path;
    }

}
