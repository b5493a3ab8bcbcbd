package io.pgcarry.importer;

import io.pgcarry.report.ProblemCode;

/**
 * A record that would be refused, with {@code check}'s code, where it is (file, record index, JSON path of the value)
 * and why.
 */
public record Rejection(String file, long record, String path, ProblemCode code, String object, String reason) {
    /** One line: {@code posts.json record 3 /comments/1/body: VALUE_TOO_LONG public.Comment.body: ...}. */
    public String line() {
        return file + " record " + record + " " + (path.isEmpty() ? "/" : path) + ": " + code + " " + object + ": " + reason;
    }
}
