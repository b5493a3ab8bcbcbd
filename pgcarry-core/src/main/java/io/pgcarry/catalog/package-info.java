/**
 * The catalog model: what a database holds (tables, extensions' configuration tables with the filter of their user
 * rows, columns, types, constraints, indexes, sequences, enums, triggers), read once from {@code pg_catalog} into immutable records. Check, move, validate and the later
 * schema commands all read this one model; none queries the catalogs on its own.
 */
package io.pgcarry.catalog;
