package io.pgcarry.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TimestampTextTest {
    private static final long SECOND = 1_000_000L;
    private static final long DAY = 86_400 * SECOND;

    private static long read(String text) {
        byte[] padded = ("\t" + text + "\t").getBytes(StandardCharsets.US_ASCII);
        return TimestampText.microseconds(padded, 1, padded.length - 2);
    }

    @Test
    void readsMicrosecondsSince2000() {
        assertThat(read("2000-01-01 00:00:00")).isZero();
        assertThat(read("2000-01-01 00:00:00.000001")).isEqualTo(1);
        assertThat(read("2000-01-01 00:00:00.5")).isEqualTo(SECOND / 2);
        assertThat(read("1999-12-31 23:59:59+00")).isEqualTo(-SECOND);
        assertThat(read("2000-01-02 01:00:00+01")).isEqualTo(DAY);
        assertThat(read("2000-01-01 00:00:00-05:30")).isEqualTo(5 * 3600 * SECOND + 30 * 60 * SECOND);
        assertThat(read("2000-03-01 00:00:00")).as("2000 is a leap year").isEqualTo(60 * DAY);
        assertThat(read("10000-01-01 00:00:00")).isEqualTo(read("9999-12-31 00:00:00") + DAY);
    }

    @Test
    void beforeChristYearOneFollowsYearOneBc() {
        assertThat(read("0001-01-01 00:00:00")).isEqualTo(read("0001-12-31 00:00:00 BC") + DAY);
        assertThat(read("0001-12-31 00:00:00+00 BC")).isEqualTo(read("0001-12-31 00:00:00 BC"));
    }

    @Test
    void infinitiesAreTheEndsOfABigint() {
        assertThat(read("infinity")).isEqualTo(Long.MAX_VALUE);
        assertThat(read("-infinity")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void anythingElseIsRefusedNamingTheText() {
        for (String bad : new String[] {"2024-01-01", "2024-01-01T00:00:00", "01/02/2024 00:00:00", "2024-02-30 00:00:00", "now"}) {
            assertThatThrownBy(() -> read(bad)).as(bad).isInstanceOf(IllegalStateException.class).hasMessageContaining(bad);
        }
    }
}
