/**
 * {@code pgcarry import}: records of JSON, NDJSON, one-record-per-file and CSV stores loaded into an existing schema.
 * A mapping file ({@link io.pgcarry.importer.ImportMappingFile}) says which table and column each value goes to; records
 * are streamed ({@link io.pgcarry.importer.RecordSource}), converted by explicit rules
 * ({@link io.pgcarry.importer.ValueConverter}), checked against every target constraint in temporary tables
 * ({@link io.pgcarry.importer.Staging}), loaded with COPY in one transaction with their id map in pgcarry's journal
 * ({@link io.pgcarry.importer.IdMap}), and proven field by field afterwards ({@link io.pgcarry.importer.Parity}).
 */
package io.pgcarry.importer;
