/**
 * One {@link io.pgcarry.migrate.ToolSupport} per migration tool pgcarry reads (Prisma, Drizzle, Flyway, dbmate,
 * golang-migrate, goose, Rails and pgcarry's own ledger), each reading the tool's directory and ledger exactly as the
 * tool writes them, and {@link io.pgcarry.migrate.tools.ToolSupports}, the list of them. The checksums are computed
 * here as each tool computes them: SHA-256 of the bytes (Prisma, Drizzle, pgcarry), Flyway's CRC32 of the lines.
 */
package io.pgcarry.migrate.tools;
