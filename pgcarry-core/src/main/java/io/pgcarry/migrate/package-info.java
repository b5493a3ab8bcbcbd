/**
 * {@code pgcarry migrate}: one view of every migration tool's history. A {@link io.pgcarry.migrate.ToolSupport} per
 * tool reads its directory into {@link io.pgcarry.migrate.LocalMigration}s (with the tool's own checksum of each
 * file, computed exactly as the tool computes it) and its ledger table into {@link io.pgcarry.migrate.LedgerEntry}s;
 * one {@link io.pgcarry.migrate.StatusClassifier}, common to all tools, turns both into one
 * {@link io.pgcarry.migrate.MigrationRow} per migration. {@link io.pgcarry.migrate.MigrateStatus} is the service
 * behind {@code pgcarry migrate status}; it only reads.
 */
package io.pgcarry.migrate;
