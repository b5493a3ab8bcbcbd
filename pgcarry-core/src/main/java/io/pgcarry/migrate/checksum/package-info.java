/**
 * Other migration tools' checksums and file formats, recomputed exactly as each tool computes them, so that
 * {@code pgcarry migrate} can tell whether what a tool's ledger recorded is what the files on disk hold: Liquibase's
 * MD5SUM of formatted SQL changelogs ({@link io.pgcarry.migrate.checksum.LiquibaseChecksum}), Atlas's
 * {@code atlas.sum} ({@link io.pgcarry.migrate.checksum.AtlasChecksum}), Sqitch's change ids and script hashes
 * ({@link io.pgcarry.migrate.checksum.SqitchChecksum}) and Graphile Migrate's hash chain
 * ({@link io.pgcarry.migrate.checksum.GraphileChecksum}). Each is recomputed also on the file's LF and CRLF forms
 * ({@link io.pgcarry.migrate.checksum.ChecksumMatch}), so that a pure line-ending change is told apart from an edit.
 * Pure functions over bytes and text: nothing here touches a database or the network.
 */
package io.pgcarry.migrate.checksum;
