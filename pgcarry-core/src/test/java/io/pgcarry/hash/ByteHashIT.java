package io.pgcarry.hash;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.embedded.junit.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client's byte hash is the server's {@code hashtextextended}, for every length, seed and byte value. */
class ByteHashIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    @Test
    void everyLengthAndSeedHashesAsOnTheServer() throws Exception {
        Random random = new Random(20261124);
        List<String> strings = new ArrayList<>();
        for (int length = 0; length <= 80; length++) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < length; i++) {
                // ASCII, Latin-1 and CJK characters, so bytes above 0x7f (sign-extended in Java) are covered.
                int pick = random.nextInt(10);
                s.appendCodePoint(pick < 6 ? 32 + random.nextInt(95) : pick < 9 ? 0xa0 + random.nextInt(0x60) : 0x4e00 + random.nextInt(500));
            }
            strings.add(s.toString());
        }
        strings.add("x".repeat(5000));
        long[] seeds = {0, 1, 2, 17, -1, Long.MIN_VALUE, 0x7fffffff00000000L, 0x00000000ffffffffL, random.nextLong()};
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            try (Connection c = pg.connect();
                 PreparedStatement query = c.prepareStatement("SELECT hashtextextended(? COLLATE \"C\", ?)")) {
                for (String string : strings) {
                    byte[] bytes = string.getBytes(StandardCharsets.UTF_8);
                    for (long seed : seeds) {
                        query.setString(1, string);
                        query.setLong(2, seed);
                        try (ResultSet rs = query.executeQuery()) {
                            rs.next();
                            assertThat(ByteHash.of(bytes, 0, bytes.length, seed)).as("%d bytes, seed %d on %s", bytes.length, seed, pg.url())
                                    .isEqualTo(rs.getLong(1));
                        }
                    }
                }
            }
        }
    }

    @Test
    void aHashReadsOnlyItsOwnBytes() {
        byte[] inside = "--abcdefghijklmnop--".getBytes(StandardCharsets.US_ASCII);
        byte[] alone = "abcdefghijklmnop".getBytes(StandardCharsets.US_ASCII);
        assertThat(ByteHash.of(inside, 2, 16, 3)).isEqualTo(ByteHash.of(alone, 0, 16, 3));
        assertThat(ByteHash.of(alone, 0, 16, 3)).isNotEqualTo(ByteHash.of(alone, 0, 15, 3)).isNotEqualTo(ByteHash.of(alone, 0, 16, 4));
    }
}
