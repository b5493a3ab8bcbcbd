package io.pgcarry.hash;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * PostgreSQL's {@code hashtext} for a deterministic collation, computed in Java: Bob Jenkins' lookup3 hash over the
 * bytes, as the server's {@code hash_any} does on a little-endian machine (the servers pgcarry runs against). The
 * result is bit for bit the server's, so a content hash can be summed from rows the client already holds instead
 * of asking the server to format every row a second time.
 */
public final class TextHash {
    private TextHash() {
    }

    /** {@code hashtext} of {@code length} bytes of {@code bytes} from {@code offset}, as the server's signed int4. */
    public static int of(byte[] bytes, int offset, int length) {
        int a = 0x9e3779b9 + length + 3923095;
        int b = a;
        int c = a;
        int k = offset;
        int left = length;
        while (left >= 12) {
            a += word(bytes, k);
            b += word(bytes, k + 4);
            c += word(bytes, k + 8);
            // mix(a, b, c)
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
            k += 12;
            left -= 12;
        }
        // The tail: the low byte of c is left for the length, as in the server. A fall-through switch, as the server
        // writes it, is the fastest way to add up to 11 loose bytes to three words.
        switch (left) {
            case 11: c += (bytes[k + 10] & 0xff) << 24; // fall through
            case 10: c += (bytes[k + 9] & 0xff) << 16; // fall through
            case 9: c += (bytes[k + 8] & 0xff) << 8; // fall through
            case 8: b += (bytes[k + 7] & 0xff) << 24; // fall through
            case 7: b += (bytes[k + 6] & 0xff) << 16; // fall through
            case 6: b += (bytes[k + 5] & 0xff) << 8; // fall through
            case 5: b += bytes[k + 4] & 0xff; // fall through
            case 4: a += (bytes[k + 3] & 0xff) << 24; // fall through
            case 3: a += (bytes[k + 2] & 0xff) << 16; // fall through
            case 2: a += (bytes[k + 1] & 0xff) << 8; // fall through
            case 1: a += bytes[k] & 0xff; // fall through
            default: break;
        }
        return finalMix(a, b, c);
    }

    /** lookup3's {@code final(a, b, c)}, of which only c is the hash; a static method the JIT inlines. */
    private static int finalMix(int a, int b, int c) {
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return c;
    }

    private static final VarHandle LITTLE_ENDIAN_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private static int word(byte[] bytes, int at) {
        return (int) LITTLE_ENDIAN_INT.get(bytes, at);
    }
}
