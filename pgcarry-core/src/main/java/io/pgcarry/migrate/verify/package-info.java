/**
 * {@code pgcarry migrate verify}: {@code migrate status}, then schema drift against the files. The migrations the
 * ledger says are applied are replayed, in the tool's order, on a throw-away PostgreSQL of the target's major
 * version ({@link io.pgcarry.migrate.verify.ScratchServer}), and that schema is compared with the target's by
 * {@link io.pgcarry.schema.SchemaDiff}, both read by the same {@link io.pgcarry.schema.SchemaReader}. The target is
 * only read. {@link io.pgcarry.migrate.verify.MigrateVerify} is the service.
 */
package io.pgcarry.migrate.verify;
