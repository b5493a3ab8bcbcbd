/**
 * {@code pgcarry migrate apply}: runs a directory's pending migrations and records each in the tool's own ledger, in
 * that tool's exact format, so that the tool's own status command agrees afterwards. {@link
 * io.pgcarry.migrate.apply.MigrateApply} is the service: it takes one advisory lock per database ({@link
 * io.pgcarry.migrate.apply.MigrateLock}), refuses when {@code migrate status} shows a fault, splits each file into
 * statements ({@link io.pgcarry.migrate.apply.MigrationScript}), runs it in one transaction with its ledger row or,
 * when it holds a statement that cannot run in a transaction, statement by statement ({@link
 * io.pgcarry.migrate.apply.FileRunner}), each statement under a {@code lock_timeout} and retried with back-off on a lock
 * timeout ({@link io.pgcarry.migrate.apply.LockRetry}). One {@link io.pgcarry.migrate.apply.LedgerWriter} per tool
 * writes the ledger rows.
 */
package io.pgcarry.migrate.apply;
