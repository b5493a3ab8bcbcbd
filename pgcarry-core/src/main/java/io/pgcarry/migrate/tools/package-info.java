/**
 * One {@link io.pgcarry.migrate.ToolSupport} per migration tool pgcarry reads (Prisma, Drizzle, Flyway, Liquibase,
 * Atlas, Sqitch, dbmate, golang-migrate, goose, Rails, Graphile Migrate and pgcarry's own ledger), each reading the
 * tool's directory and ledger exactly as the tool writes them, and {@link io.pgcarry.migrate.tools.ToolSupports}, the
 * list of them. The checksums are computed as each tool computes them: SHA-256 of the bytes (Prisma, Drizzle,
 * pgcarry), Flyway's CRC32 of the lines here; Liquibase's MD5SUM, Atlas's chained sum, Sqitch's script hash and
 * Graphile's hash chain by {@link io.pgcarry.migrate.checksum}.
 */
package io.pgcarry.migrate.tools;
