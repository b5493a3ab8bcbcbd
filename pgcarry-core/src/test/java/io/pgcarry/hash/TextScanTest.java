package io.pgcarry.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TextScanTest {
    @Test
    void findsTheFirstTabOrBackslashAsAByteByByteScanWould() {
        Random random = new Random(17);
        byte[] alphabet = {'a', ' ', '\t', '\\', (byte) 0x89, (byte) 0xdc, 0x08, 0x5b, 0x5d, 0x0a, (byte) 0xff, 0x00};
        for (int trial = 0; trial < 20_000; trial++) {
            byte[] bytes = new byte[random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) {
                // Mostly plain bytes, so that matches fall anywhere in and across the eight-byte words.
                bytes[i] = random.nextInt(10) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) ('a' + random.nextInt(26));
            }
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            int end = from + random.nextInt(bytes.length - from + 1);
            int expected = from;
            while (expected < end && bytes[expected] != '\t' && bytes[expected] != '\\') {
                expected++;
            }
            assertThat(TextScan.tabOrBackslash(bytes, from, end)).as("trial %d", trial).isEqualTo(expected);
        }
    }
}
