/**
 * {@code pgcarry tables}: what uses each table of a database, for deciding which legacy tables can go (runbook 004,
 * phase 4.2). {@link io.pgcarry.tables.Tables} reads the catalog through {@link io.pgcarry.catalog.CatalogReader}, then
 * {@link io.pgcarry.tables.TableUsageReader} reads the statistics since their reset, what depends on each table in
 * {@code pg_depend}, its policies and the function bodies that name it; {@link io.pgcarry.tables.Verdicts} turns that
 * into one {@link io.pgcarry.tables.Verdict} per table with its reasons. Everything it reads is readable by any role;
 * it writes nothing.
 */
package io.pgcarry.tables;
