package io.pgcarry.migrate.apply;

import java.util.Objects;

/**
 * One statement of a migration file, as it will be sent.
 *
 * @param sql                the statement, without its semicolon
 * @param line               the 1-based line where it starts in the file
 * @param copyData           the data of a {@code COPY ... FROM stdin}, as written in the file; null for other statements
 * @param outsideTransaction why it cannot run inside a transaction block ({@code CREATE INDEX CONCURRENTLY}), or null
 * @param control            whether it is transaction control, and what a one-transaction run does with it
 */
public record ScriptStep(String sql, int line, String copyData, String outsideTransaction, TransactionRules.Control control) {
    public ScriptStep {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(control, "control");
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1 or more, got " + line);
        }
    }

    /** Its first line, short enough for a report: {@code CREATE INDEX CONCURRENTLY "User_email_idx" ON ...}. */
    public String shown() {
        String first = sql.strip().lines().findFirst().orElse("");
        return first.length() > 100 ? first.substring(0, 97) + "..." : first;
    }
}
