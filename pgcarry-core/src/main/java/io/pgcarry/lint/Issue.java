package io.pgcarry.lint;

import io.pgcarry.report.Severity;

/**
 * What a rule says of one statement, before the allow comments and the table's size have their say.
 *
 * @param rule     the rule
 * @param severity the rule's severity, or a lower one when the rule cannot be sure (a default calling an unknown function)
 * @param table    the relation concerned, or null
 * @param lock     the lock taken on it, or null
 * @param rewrite  whether it rewrites the table
 * @param message  what happens
 * @param safer    the safe alternative
 */
record Issue(LintRule rule, Severity severity, TableRef table, LockMode lock, boolean rewrite, String message, String safer) {
    static Issue of(LintRule rule, TableRef table, LockMode lock, boolean rewrite, String message, String safer) {
        return new Issue(rule, rule.severity(), table, lock, rewrite, message, safer);
    }

    /** The same at {@code lower} severity, for a hazard the rule is not sure of. */
    Issue unsure(Severity lower) {
        return new Issue(rule, lower, table, lock, rewrite, message, safer);
    }
}
