package io.pgcarry.hash;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How the client hashes one field of a COPY row exactly as {@link ValueHash} hashes the value on the server, so that
 * the source need not compute that share of the row's hash: integers, booleans, uuids, strings, {@code char(n)},
 * jsonb, json and timestamps, in either COPY format (a timestamp's text is read back into its microseconds, as the
 * {@link io.pgcarry.connect.Sessions} settings print it: ISO dates, time zone UTC). Every other type, and any type
 * whose hash the server takes from its text, stays with the server.
 *
 * <p>
 * Strings arrive in the session's client encoding, UTF8, which is what the content hash is defined over on every
 * server (see {@link ContentHash}). PostgreSQL's 32-bit value hashes ({@code hashint4extended},
 * {@code hashint8extended} folded to 32 bits, {@code hashoidextended}) are lookup3 over the value's four bytes in the
 * machine's (little-endian) order ({@link ByteHash.Int}); {@code RowHashIT} checks every kind against the server.
 */
public enum FieldHash {
    /** Text format: an integer's decimal digits (smallint, integer, bigint, oid). */
    INTEGER_TEXT,
    /** Text format: {@code t} or {@code f}. */
    BOOLEAN_TEXT,
    /** Text format: 32 hexadecimal digits with dashes, as uuid_out prints them. */
    UUID_TEXT,
    /** Text format: an ISO timestamp, with or without the {@code +00} of time zone UTC, or infinity. */
    TIMESTAMP_TEXT,
    /** Either format: the bytes of the string (text, varchar, json; jsonb in text format). */
    STRING,
    /** Either format: a {@code char(n)}'s bytes without their trailing blanks, as the server compares them. */
    CHARACTER,
    /** Binary format: jsonb's format version byte (1), then the document's text. */
    JSONB_BINARY,
    /** Binary format: a big-endian two-byte integer. */
    INT2_BINARY,
    /** Binary format: a big-endian four-byte integer (integer, oid). */
    INT4_BINARY,
    /** Binary format: a big-endian eight-byte integer (bigint, and timestamps as microseconds). */
    INT8_BINARY,
    /** Binary format: one byte, 0 or 1. */
    BOOLEAN_BINARY,
    /** Binary format: the uuid's sixteen bytes. */
    UUID_BINARY;

    private static final VarHandle EIGHT_BYTES =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long EIGHT_BLANKS = 0x2020202020202020L;

    /** Whether the field's text may hold COPY escapes that must be undone before hashing (text format only). */
    boolean mayBeEscaped() {
        return this == STRING || this == CHARACTER;
    }

    /**
     * How the client hashes a column of this type, as {@code format_type} prints it, in a COPY of this format; null
     * when the server must.
     */
    static FieldHash of(String formatType, boolean binary) {
        ValueHash server = ValueHash.of(formatType);
        String type = formatType.toLowerCase(Locale.ROOT);
        return switch (server) {
            case SMALLINT -> binary ? INT2_BINARY : INTEGER_TEXT;
            case INTEGER, OID -> binary ? INT4_BINARY : INTEGER_TEXT;
            case BIGINT -> binary ? INT8_BINARY : INTEGER_TEXT;
            case BOOLEAN -> binary ? BOOLEAN_BINARY : BOOLEAN_TEXT;
            case UUID -> binary ? UUID_BINARY : UUID_TEXT;
            case TIMESTAMP, TIMESTAMPTZ -> binary ? INT8_BINARY : TIMESTAMP_TEXT;
            case STRING -> STRING;
            case CHARACTER -> CHARACTER;
            case TEXT -> type.equals("jsonb") ? (binary ? JSONB_BINARY : STRING) : type.equals("json") ? STRING : null;
        };
    }

    /**
     * The hash of the field's {@code length} bytes at {@code at} (unescaped, for text), with {@code seed}.
     *
     * @param ints     the hash of 32-bit values with that seed
     * @param scratch  sixteen bytes this call may overwrite
     */
    long hash(byte[] data, int at, int length, long seed, ByteHash.Int ints, byte[] scratch) {
        return switch (this) {
            case STRING -> ByteHash.of(data, at, length, seed);
            case CHARACTER -> ByteHash.of(data, at, withoutTrailingBlanks(data, at, length), seed);
            case JSONB_BINARY -> {
                if (length == 0 || data[at] != 1) {
                    throw new IllegalStateException("jsonb in binary format version " + (length == 0 ? "none" : data[at]) + ", where 1 was expected");
                }
                yield ByteHash.of(data, at + 1, length - 1, seed);
            }
            case UUID_BINARY -> ByteHash.of(data, at, length, seed);
            case INT2_BINARY -> ints.of((short) ((data[at] & 0xff) << 8 | data[at + 1] & 0xff));
            case INT4_BINARY -> ints.of(bigEndianInt(data, at));
            case INT8_BINARY -> ofLong((long) bigEndianInt(data, at) << 32 | bigEndianInt(data, at + 4) & 0xffffffffL, ints);
            case BOOLEAN_BINARY -> ints.of(data[at]);
            case INTEGER_TEXT -> ofLong(decimal(data, at, length), ints);
            case BOOLEAN_TEXT -> ints.of(data[at] == 't' ? 1 : 0);
            case UUID_TEXT -> ByteHash.of(uuid(data, at, length, scratch), 0, 16, seed);
            case TIMESTAMP_TEXT -> ofLong(TimestampText.microseconds(data, at, length), ints);
        };
    }

    /** hashint8extended: the two halves folded into 32 bits so that a value in int4's range hashes as that int4. */
    private static long ofLong(long value, ByteHash.Int ints) {
        int low = (int) value;
        int high = (int) (value >>> 32);
        return ints.of(low ^ (value >= 0 ? high : ~high));
    }

    private static int bigEndianInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
    }

    private static int withoutTrailingBlanks(byte[] data, int at, int length) {
        // Eight blanks at a time first: char(n) columns are often mostly padding.
        while (length >= 8 && (long) EIGHT_BYTES.get(data, at + length - 8) == EIGHT_BLANKS) {
            length -= 8;
        }
        while (length > 0 && data[at + length - 1] == ' ') {
            length--;
        }
        return length;
    }

    /** An integer's decimal text (the smallest bigint included); also the source's hash column in a text COPY. */
    static long decimal(byte[] data, int at, int length) {
        boolean negative = data[at] == '-';
        long value = 0;
        for (int i = negative ? at + 1 : at; i < at + length; i++) {
            int digit = data[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new IllegalStateException("an integer field of a COPY holds '" + new String(data, at, length, StandardCharsets.US_ASCII) + "'");
            }
            // Negative accumulation reaches the smallest bigint, which has no positive counterpart.
            value = value * 10 - digit;
        }
        return negative ? value : -value;
    }

    /** The sixteen bytes of a uuid's text, written into {@code bytes}. */
    private static byte[] uuid(byte[] data, int at, int length, byte[] bytes) {
        int n = 0;
        int high = -1;
        for (int i = at; i < at + length; i++) {
            int digit = Character.digit(data[i], 16);
            if (digit < 0) {
                continue;
            }
            if (n == 16) {
                n++;
                break;
            }
            if (high < 0) {
                high = digit;
            } else {
                bytes[n++] = (byte) (high << 4 | digit);
                high = -1;
            }
        }
        if (n != 16) {
            throw new IllegalStateException("a uuid field of a COPY holds '" + new String(data, at, length, StandardCharsets.US_ASCII) + "'");
        }
        return bytes;
    }
}
