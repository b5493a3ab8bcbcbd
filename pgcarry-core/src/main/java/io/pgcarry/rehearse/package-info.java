/**
 * {@code pgcarry rehearse}: runs a database's pending migrations on a scratch copy of it and measures, statement by
 * statement, what they would do to the live database: the locks each takes (mode and relation, read from
 * {@code pg_locks}), how long the strong ones are held, the tables and indexes rewritten and their size, the WAL
 * written, the rows that make a statement fail, and, with probe traffic, how long reads and writes of the touched
 * tables were blocked. The live database is only read; the scratch database is dropped afterwards.
 */
package io.pgcarry.rehearse;
