package io.pgcarry.migrate.checksum;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.pgcarry.error.ConfigurationException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Graphile Migrate's committed migration format and hash chain.
 *
 * <p>Facts relied on, read in {@code graphile/migrate}, {@code src/hash.ts} ({@code calculateHash}),
 * {@code src/migration.ts} ({@code parseMigrationText}, {@code serializeMigration}, {@code getAllMigrations},
 * {@code runCommittedMigration}) and {@code src/current.ts} ({@code VALID_FILE_REGEX}):
 * <ul>
 * <li>Committed files match {@code ^([0-9]+)(-[-_a-zA-Z0-9]*)?\.sql$}; the ledger records the number and
 * {@code .sql}. They are read as UTF-8 and ordered by that name.</li>
 * <li>The file is split at LF. Leading lines matching {@code ^--! ([A-Z][a-zA-Z0-9_]*)(?::(.*))?$} are headers
 * ({@code Previous}, {@code Hash}, {@code Message}, {@code AllowInvalidHash}); the next line must be empty, and a
 * {@code \r} there is refused as line endings corrupted to CRLF. A header value is trimmed; a repeated header is an
 * error; {@code Previous} and {@code Hash} are required, {@code Previous: -} meaning no previous migration.</li>
 * <li>The body is the rest of the lines joined with LF, JavaScript-{@code trim()}med, plus one LF.</li>
 * <li>{@code calculateHash(body, previousHash)} is {@code "sha1:"} and the hex SHA-1 of the UTF-8 bytes of
 * {@code ((previousHash or "") + "\n" + body).trim() + "\n"}; so the first migration's hash is the SHA-1 of its body
 * and each later one chains the previous hash (with its {@code sha1:} prefix).</li>
 * <li>Each migration's {@code Previous} must be the hash of the migration before it; before running, the
 * recomputed hash must equal the file's {@code Hash} unless {@code AllowInvalidHash} is set.</li>
 * </ul>
 * Graphile Migrate itself refuses a CRLF file, so {@link #match} recomputes the LF form too, to tell line endings
 * from edits.
 */
public final class GraphileChecksum {
    private static final Pattern FILE_NAME = Pattern.compile("([0-9]+)(-[-_a-zA-Z0-9]*)?\\.sql");
    // JavaScript's '.' stops at LF, CR, U+2028 and U+2029, and '$' without the m flag is the end of the line.
    private static final Pattern HEADER = Pattern.compile("--! ([A-Z][a-zA-Z0-9_]*)(?::([^\n\r\u2028\u2029]*))?");

    private GraphileChecksum() {
    }

    /** Whether Graphile Migrate takes a file of this name in {@code committed/} as a migration. */
    public static boolean isMigrationFilename(String name) {
        return FILE_NAME.matcher(name).matches();
    }

    /** Graphile Migrate's hash of a body chained to the previous migration's hash ({@code null} for the first). */
    public static String hash(String body, String previousHash) {
        String text = JavaScriptText.trim((previousHash == null ? "" : previousHash) + "\n" + body) + "\n";
        return "sha1:" + Digests.sha1Hex(text.getBytes(UTF_8));
    }

    /** Reads a committed migration file's bytes, as {@code getAllMigrations} does. */
    public static GraphileMigration parse(String realFilename, byte[] content) {
        return parse(realFilename, new String(content, UTF_8));
    }

    /** Reads a committed migration file's text, as {@code getAllMigrations} does. */
    public static GraphileMigration parse(String realFilename, String contents) {
        Matcher name = FILE_NAME.matcher(realFilename);
        if (!name.matches()) {
            throw new ConfigurationException(realFilename + " is not a Graphile Migrate migration file name");
        }
        String[] lines = contents.split("\n", -1);
        Map<String, String> headers = new LinkedHashMap<>();
        int headerLines = readHeaders(realFilename, lines, headers);
        if (headerLines >= lines.length || !lines[headerLines].isEmpty()) {
            boolean crlf = headerLines < lines.length && lines[headerLines].equals("\r");
            throw new ConfigurationException("invalid migration " + realFilename + ": " + (crlf
                    ? "its line endings were changed to CRLF" : "an empty line must follow the header lines"));
        }
        String previous = required(headers, "Previous", realFilename);
        String body = JavaScriptText.trim(String.join("\n", Arrays.copyOfRange(lines, headerLines,
                lines.length))) + "\n";
        return new GraphileMigration(realFilename, name.group(1) + ".sql", headers,
                previous.equals("-") ? null : previous, required(headers, "Hash", realFilename),
                headers.get("Message"), headers.containsKey("AllowInvalidHash"), body);
    }

    /**
     * Compares a recorded hash (the ledger's, or the file's own {@code Hash} header) with the file's body chained
     * to {@code previousHash}, then with the file's LF and CRLF forms.
     */
    public static ChecksumMatch match(String recordedHash, String realFilename, byte[] content, String previousHash) {
        return ChecksumMatch.of(recordedHash, content, bytes -> {
            try {
                return hash(parse(realFilename, bytes).body(), previousHash);
            } catch (ConfigurationException e) {
                return null; // Graphile Migrate cannot read this form (CRLF): it gives no hash.
            }
        });
    }

    private static int readHeaders(String file, String[] lines, Map<String, String> headers) {
        int count = 0;
        for (String line : lines) {
            Matcher header = HEADER.matcher(line);
            if (!header.matches()) {
                break;
            }
            if (headers.containsKey(header.group(1))) {
                throw new ConfigurationException("invalid migration " + file + ": header '" + header.group(1)
                        + "' is given more than once");
            }
            String value = header.group(2);
            headers.put(header.group(1), value == null || value.isEmpty() ? value : JavaScriptText.trim(value));
            count++;
        }
        return count;
    }

    private static String required(Map<String, String> headers, String key, String file) {
        String value = headers.get(key);
        if (value == null || value.isEmpty()) {
            throw new ConfigurationException("invalid committed migration " + file + ": no '" + key + "' header");
        }
        return value;
    }
}
