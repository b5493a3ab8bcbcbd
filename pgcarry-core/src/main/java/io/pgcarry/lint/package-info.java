/**
 * {@code pgcarry lint}: static rules for what a migration will do to a live database (a rewrite, a scan or an index build
 * under a lock, a lock taken without {@code lock_timeout}, a rename that breaks the running application), aware of the
 * PostgreSQL version and, given a target, of each table's size. Files are split as {@code migrate apply} splits them.
 * {@link io.pgcarry.lint.Lint#check} is the entry; {@link io.pgcarry.lint.LintRunner} reads files, a migration directory
 * and a target for the command.
 */
package io.pgcarry.lint;
