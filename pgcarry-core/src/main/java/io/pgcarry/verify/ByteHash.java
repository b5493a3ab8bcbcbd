package io.pgcarry.verify;

/**
 * The 64-bit seeded hash PostgreSQL computes over a string's bytes ({@code hashtextextended(s COLLATE "C", seed)}):
 * Bob Jenkins' lookup3 (public domain), with PostgreSQL's initial state, its seed perturbation and its little-endian
 * word order, which every server pgcarry reaches runs with (x86-64, arm64). Lets the client hash a value the source
 * already sends as text, so that the source need not format it a second time for the hash; {@code ByteHashIT} checks it
 * against the server for every length up to several blocks and for many seeds.
 */
public final class ByteHash {
    private ByteHash() {
    }

    /** {@code hashtextextended} of the {@code length} bytes at {@code offset}, with {@code seed}. */
    public static long of(byte[] bytes, int offset, int length, long seed) {
        int a = 0x9e3779b9 + length + 3923095;
        int b = a;
        int c = a;
        int at = offset;
        int left = length;
        // A non-zero seed counts as one more 12-byte block before the data: its high half, its low half, four zeros.
        boolean seedBlock = seed != 0;
        while (seedBlock || left >= 12) {
            if (seedBlock) {
                a += (int) (seed >>> 32);
                b += (int) seed;
                seedBlock = false;
            } else {
                a += word(bytes, at);
                b += word(bytes, at + 4);
                c += word(bytes, at + 8);
                at += 12;
                left -= 12;
            }
            a -= c;
            a ^= Integer.rotateLeft(c, 4);
            c += b;
            b -= a;
            b ^= Integer.rotateLeft(a, 6);
            a += c;
            c -= b;
            c ^= Integer.rotateLeft(b, 8);
            b += a;
            a -= c;
            a ^= Integer.rotateLeft(c, 16);
            c += b;
            b -= a;
            b ^= Integer.rotateLeft(a, 19);
            a += c;
            c -= b;
            c ^= Integer.rotateLeft(b, 4);
            b += a;
        }
        // The last 0 to 11 bytes; the lowest byte of c stays free, as in lookup3.
        if (left >= 9) {
            c += tail(bytes, at + 8, left - 8) << 8;
        }
        if (left >= 5) {
            b += tail(bytes, at + 4, Math.min(left, 8) - 4);
        }
        if (left >= 1) {
            a += tail(bytes, at, Math.min(left, 4));
        }
        c ^= b;
        c -= Integer.rotateLeft(b, 14);
        a ^= c;
        a -= Integer.rotateLeft(c, 11);
        b ^= a;
        b -= Integer.rotateLeft(a, 25);
        c ^= b;
        c -= Integer.rotateLeft(b, 16);
        a ^= c;
        a -= Integer.rotateLeft(c, 4);
        b ^= a;
        b -= Integer.rotateLeft(a, 14);
        c ^= b;
        c -= Integer.rotateLeft(b, 24);
        return (long) b << 32 | c & 0xffffffffL;
    }

    /** Up to four bytes as a little-endian number. */
    private static int tail(byte[] bytes, int at, int count) {
        int value = 0;
        for (int i = count - 1; i >= 0; i--) {
            value = value << 8 | bytes[at + i] & 0xff;
        }
        return value;
    }

    private static int word(byte[] bytes, int at) {
        return bytes[at] & 0xff | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16 | (bytes[at + 3] & 0xff) << 24;
    }
}
