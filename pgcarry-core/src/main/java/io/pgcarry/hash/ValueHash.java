package io.pgcarry.hash;

import java.util.Locale;

/**
 * How one column value enters a row's content hash: a 64-bit hash computed by the server, seeded by the column's
 * position so that two values swapped between columns change the row's hash.
 *
 * <p>
 * A type is hashed from its binary value, with its own extended hash function (no text is formatted, which is most
 * of the cost of hashing a row's text), only where two values that hash alike always print alike: integers,
 * booleans, uuids, timestamps and strings. Every other type is hashed from its text, because its equality forgives
 * what its text shows: numeric {@code 1.0 = 1.00}, float {@code -0 = 0}, interval {@code '1 day' = '24 hours'},
 * jsonb numbers likewise, and enums hash by OID, which differs between databases. Text uses the "C" collation, so
 * a nondeterministic collation cannot make two different strings hash alike, and the session settings of
 * {@link io.pgcarry.connect.Sessions} (TimeZone UTC among them), so that both sides print values identically.
 *
 * <p>
 * The functions used exist from PostgreSQL 11 on and are the ones hash partitioning stores rows by, which keeps
 * their values from one version to the next; the tests compare the hashes of the same rows on 13 and 17.
 */
enum ValueHash {
    SMALLINT("pg_catalog.hashint2extended(%s, %d::int8)"),
    INTEGER("pg_catalog.hashint4extended(%s, %d::int8)"),
    BIGINT("pg_catalog.hashint8extended(%s, %d::int8)"),
    OID("pg_catalog.hashoidextended(%s, %d::int8)"),
    BOOLEAN("pg_catalog.hashint4extended((%s)::int4, %d::int8)"),
    UUID("pg_catalog.uuid_hash_extended(%s, %d::int8)"),
    TIMESTAMP("pg_catalog.timestamp_hash_extended(%s, %d::int8)"),
    /** The session's TimeZone is UTC, so the cast to timestamp is the same instant on every server. */
    TIMESTAMPTZ("pg_catalog.timestamp_hash_extended((%s)::timestamp, %d::int8)"),
    STRING("pg_catalog.hashtextextended((%s) COLLATE \"C\", %d::int8)"),
    /** char(n) hashes without its padding, as its text cast drops it: the same hash as STRING of that text. */
    CHARACTER("pg_catalog.hashbpcharextended((%s) COLLATE \"C\", %d::int8)"),
    TEXT("pg_catalog.hashtextextended((%s)::text COLLATE \"C\", %d::int8)");

    private final String template;

    ValueHash(String template) {
        this.template = template;
    }

    /** The hashing of a column of this type, as {@code format_type} prints it; TEXT for anything not listed. */
    static ValueHash of(String formatType) {
        String type = formatType.toLowerCase(Locale.ROOT);
        return switch (type) {
            case "smallint" -> SMALLINT;
            case "integer" -> INTEGER;
            case "bigint" -> BIGINT;
            case "oid" -> OID;
            case "boolean" -> BOOLEAN;
            case "uuid" -> UUID;
            case "text", "character varying" -> STRING;
            case "bpchar" -> CHARACTER;
            default -> {
                if (type.matches("timestamp(\\(\\d+\\))? without time zone")) {
                    yield TIMESTAMP;
                }
                if (type.matches("timestamp(\\(\\d+\\))? with time zone")) {
                    yield TIMESTAMPTZ;
                }
                if (type.matches("character varying\\(\\d+\\)")) {
                    yield STRING;
                }
                if (type.matches("character\\(\\d+\\)")) {
                    yield CHARACTER;
                }
                yield TEXT;
            }
        };
    }

    /**
     * The hash of {@code value}, never NULL (a NULL hashes as a constant of the column, unlike any value's hash but
     * with odds of 2^-64). With {@code toUtf8} (a server whose encoding is not UTF8), a value hashed from text is
     * hashed over its text's UTF8 bytes, as a UTF8 server holds it: those bytes are taken back as text unchanged
     * (nothing is converted from SQL_ASCII), so equal text hashes equal whatever the server's encoding.
     */
    String sql(String value, int seed, boolean toUtf8) {
        String hash = toUtf8 && fromText()
                ? String.format(Locale.ROOT, TEXT.template, "pg_catalog.convert_from(pg_catalog.convert_to((" + value + ")::text, 'UTF8'::name), 'SQL_ASCII'::name)", seed)
                : String.format(Locale.ROOT, template, value, seed);
        // A quoted literal: the smallest bigint written bare would be read as numeric.
        return "coalesce(" + hash + ", '" + nullHash(seed) + "'::bigint)";
    }

    /** Whether the value is hashed over the bytes of a string, which depend on the server's encoding. */
    private boolean fromText() {
        return this == STRING || this == CHARACTER || this == TEXT;
    }

    /** A fixed odd-looking constant per column position, so NULL in one column differs from NULL in another. */
    static long nullHash(int seed) {
        long z = 0x9E3779B97F4A7C15L * (seed + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
