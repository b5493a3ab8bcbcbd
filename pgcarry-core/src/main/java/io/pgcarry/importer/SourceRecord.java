package io.pgcarry.importer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One record as read from a store.
 *
 * @param file    the file it was read from, as given relative to the mapping file's directory when it lies there
 * @param index   its position in the file (0 first); in a directory store, the file's position
 * @param record  the record
 * @param sha256  the SHA-256 of its canonical form (see {@link Canonical})
 */
public record SourceRecord(String file, long index, JsonNode record, String sha256) {
}
