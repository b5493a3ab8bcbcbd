package io.pgcarry.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The content hash of a large object: its size and the hash of its pieces' hashes, from bytes or from digests alike. */
class LargeObjectHashTest {
    @Test
    void anEmptyObjectHashesAsNoPieces() {
        LargeObjectHash hash = new LargeObjectHash();
        hash.add(new byte[0], 0);
        assertThat(hash.value()).isEqualTo("0:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void piecesGivenAsBytesOrAsTheirDigestsHashAlike() throws Exception {
        byte[] first = filled(LargeObjectHash.PIECE, (byte) 1);
        byte[] last = filled(10, (byte) 2);
        LargeObjectHash fromBytes = new LargeObjectHash();
        fromBytes.add(first, first.length);
        fromBytes.add(last, last.length);
        LargeObjectHash fromDigests = new LargeObjectHash();
        fromDigests.addDigest(MessageDigest.getInstance("SHA-256").digest(first), first.length);
        fromDigests.addDigest(MessageDigest.getInstance("SHA-256").digest(last), last.length);

        assertThat(fromBytes.value()).isEqualTo(fromDigests.value()).startsWith((LargeObjectHash.PIECE + 10) + ":");
    }

    @Test
    void piecesInAnotherOrderHashApart() {
        byte[] a = filled(LargeObjectHash.PIECE, (byte) 1);
        byte[] b = filled(LargeObjectHash.PIECE, (byte) 2);
        LargeObjectHash ab = new LargeObjectHash();
        ab.add(a, a.length);
        ab.add(b, b.length);
        LargeObjectHash ba = new LargeObjectHash();
        ba.add(b, b.length);
        ba.add(a, a.length);

        assertThat(ab.value()).isNotEqualTo(ba.value());
    }

    private static byte[] filled(int length, byte value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
