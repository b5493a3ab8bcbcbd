package io.pgcarry.migrate.checksum;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A committed Graphile Migrate migration, {@code migrations/committed/000001.sql} or
 * {@code 000001-message-slug.sql}, as {@link GraphileChecksum#parse} reads it.
 *
 * @param realFilename     the file's name on disk
 * @param filename         the name Graphile Migrate records: the number and {@code .sql}, without the slug
 * @param headers          every {@code --! Key: value} header line by key (a value is trimmed; {@code null} for a
 *                         header without a colon)
 * @param previousHash     the {@code --! Previous:} hash, {@code null} for {@code -} (the first migration)
 * @param hash             the {@code --! Hash:} the file claims
 * @param message          the {@code --! Message:}, or {@code null}
 * @param allowInvalidHash whether a {@code --! AllowInvalidHash} header lets the file run with another hash
 * @param body             the text after the headers, trimmed, with one LF added: what the hash covers
 */
public record GraphileMigration(String realFilename, String filename, Map<String, String> headers,
        String previousHash, String hash, String message, boolean allowInvalidHash, String body) {

    public GraphileMigration {
        Objects.requireNonNull(realFilename, "realFilename");
        Objects.requireNonNull(filename, "filename");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(body, "body");
    }

    /** Whether the body's hash, chained to the previous hash the file names, is the hash it claims. */
    public boolean hashMatchesBody() {
        return hash.equals(GraphileChecksum.hash(body, previousHash));
    }
}
