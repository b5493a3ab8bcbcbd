package io.pgcarry.lint;

import io.pgcarry.report.Severity;
import java.util.Objects;

/**
 * One hazard found in one statement.
 *
 * @param file       the file, as its {@link LintSource} names it
 * @param line       the statement's first line (for {@link LintRule#UNKNOWN_ALLOW}, the comment's line)
 * @param statement  the statement's 1-based position in its file, as {@code migrate apply} splits it
 * @param rule       the rule
 * @param severity   how much it matters here (the rule's, lowered for a small table)
 * @param excerpt    the statement's first line, shortened
 * @param table      the relation it concerns, or null
 * @param tableBytes that relation's size on the target, or null when unknown
 * @param lock       the lock the statement is predicted to take on it, or null when none
 * @param rewrite    whether the statement is predicted to rewrite the table
 * @param message    what happens, in a sentence
 * @param safer      the safe way to get the same result, in words and SQL
 */
public record Finding(String file, int line, int statement, LintRule rule, Severity severity, String excerpt, TableRef table,
                      Long tableBytes, LockMode lock, boolean rewrite, String message, String safer) {
    public Finding {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }
}
