package io.pgcarry.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionKeyTest {
    @Test
    void dottedVersionsCompareNumberByNumber() {
        assertThat(VersionKey.dotted("1.10")).isGreaterThan(VersionKey.dotted("1.9"));
        assertThat(VersionKey.dotted("1_2")).isEqualByComparingTo(VersionKey.dotted("1.2"));
        assertThat(VersionKey.dotted("1.0").sameVersion(VersionKey.dotted("1"))).isTrue();
        assertThat(VersionKey.dotted("001").sameVersion(VersionKey.dotted("1"))).isTrue();
        assertThat(VersionKey.dotted("2").compareTo(VersionKey.dotted("1.999"))).isPositive();
    }

    @Test
    void repeatablesComeAfterEveryVersionAndTextBreaksTies() {
        List<VersionKey> keys = new ArrayList<>(List.of(VersionKey.repeatable("b"), VersionKey.dotted("99"),
                VersionKey.repeatable("a"), VersionKey.number(BigInteger.TWO, "y"), VersionKey.number(BigInteger.TWO, "x")));
        keys.sort(null);
        assertThat(keys).containsExactly(VersionKey.number(BigInteger.TWO, "x"), VersionKey.number(BigInteger.TWO, "y"),
                VersionKey.dotted("99"), VersionKey.repeatable("a"), VersionKey.repeatable("b"));
    }

    @Test
    void textKeysOrderByText() {
        assertThat(VersionKey.text("20240102_b")).isGreaterThan(VersionKey.text("20240101_a"));
        assertThat(VersionKey.text("x").sameVersion(VersionKey.text("y"))).isFalse();
    }
}
