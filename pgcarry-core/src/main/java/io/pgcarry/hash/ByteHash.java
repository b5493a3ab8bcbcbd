package io.pgcarry.hash;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The 64-bit seeded hash PostgreSQL computes over a string's bytes ({@code hashtextextended(s COLLATE "C", seed)}):
 * Bob Jenkins' lookup3 (public domain), with PostgreSQL's initial state, its seed perturbation and its little-endian
 * word order, which every server pgcarry reaches runs with (x86-64, arm64). Lets the client hash a value the source
 * already sends, so that the source need not compute its hash too; {@code ByteHashIT} checks it against the server
 * for every length up to several blocks and for many seeds.
 * <p>
 * PostgreSQL's hashes of 32-bit values ({@code hash_uint32_extended}) are the same function over the value's four
 * bytes; {@link Int} computes them with the seed's part done once.
 */
public final class ByteHash {
    private ByteHash() {
    }

    /** {@code hashtextextended} of the {@code length} bytes at {@code offset}, with {@code seed}. */
    public static long of(byte[] bytes, int offset, int length, long seed) {
        State s = new State(length, seed);
        int at = offset;
        int left = length;
        while (left >= 12) {
            s.a += word(bytes, at);
            s.b += word(bytes, at + 4);
            s.c += word(bytes, at + 8);
            s.mix();
            at += 12;
            left -= 12;
        }
        // The last 0 to 11 bytes; the lowest byte of c stays free, as in lookup3.
        if (left >= 9) {
            s.c += tail(bytes, at + 8, left - 8) << 8;
        }
        if (left >= 5) {
            s.b += tail(bytes, at + 4, Math.min(left, 8) - 4);
        }
        if (left >= 1) {
            s.a += tail(bytes, at, Math.min(left, 4));
        }
        return s.finish();
    }

    /** The hash of 32-bit values with one seed: {@code hashint4extended(value, seed)} and the hashes built on it. */
    public static final class Int {
        private final int a;
        private final int b;
        private final int c;

        public Int(long seed) {
            State s = new State(4, seed);
            a = s.a;
            b = s.b;
            c = s.c;
        }

        /** The hash of {@code value}'s four bytes. */
        public long of(int value) {
            State s = new State(a + value, b, c);
            return s.finish();
        }
    }

    /** lookup3's three words, from the initial state through the seed's block. */
    private static final class State {
        private int a;
        private int b;
        private int c;

        /** The state for a value of {@code length} bytes after {@code seed}. */
        State(int length, long seed) {
            a = 0x9e3779b9 + length + 3923095;
            b = a;
            c = a;
            // A non-zero seed counts as one more 12-byte block before the data: its high half, its low half, four zeros.
            if (seed != 0) {
                a += (int) (seed >>> 32);
                b += (int) seed;
                mix();
            }
        }

        State(int a, int b, int c) {
            this.a = a;
            this.b = b;
            this.c = c;
        }

        void mix() {
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

        long finish() {
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
        return (int) LITTLE_ENDIAN_INT.get(bytes, at);
    }

    private static final VarHandle LITTLE_ENDIAN_INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
}
