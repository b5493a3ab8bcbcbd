package io.pgcarry.importer;

/**
 * What a store's file held when read: its SHA-256, how many records, and the SHA-256 of their canonical forms' hashes
 * in order (so one line proves every record's hash, which the journal keeps one by one).
 */
public record FileSnapshot(String collection, String file, String sha256, long records, String recordsSha256) {
}
