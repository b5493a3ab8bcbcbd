package io.pgcarry.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountsTest {
    @Test
    void oneIsSingularEverythingElsePlural() {
        assertThat(Counts.of(1, "row")).isEqualTo("1 row");
        assertThat(Counts.of(0, "row")).isEqualTo("0 rows");
        assertThat(Counts.of(200_150, "row")).isEqualTo("200150 rows");
        assertThat(Counts.of(1, "index", "indexes")).isEqualTo("1 index");
        assertThat(Counts.of(2, "index", "indexes")).isEqualTo("2 indexes");
    }
}
