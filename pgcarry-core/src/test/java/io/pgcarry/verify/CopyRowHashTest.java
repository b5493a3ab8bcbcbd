package io.pgcarry.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The framing rules of {@link CopyRowHash} for escapes COPY TO never writes but COPY FROM accepts (octal, hex, any
 * other escaped byte): each row must hash as the row text written out by hand. The server-side equality of the
 * rows COPY TO does write is proven in {@link CopyRowHashIT}.
 */
class CopyRowHashTest {
    private final CopyRowHash hash = new CopyRowHash();

    @Test
    void octalAndHexEscapesDecodeToTheirBytes() {
        assertThat(hashOf("\\101\\x42\\x4a\tx\n", 2)).isEqualTo(text("(ABJ,x)"));
        assertThat(hashOf("\\0101\n", 1)).as("three octal digits at most").isEqualTo(text("(\b1)"));
        assertThat(hashOf("\\xg\n", 1)).as("a hex escape without digits is the letter").isEqualTo(text("(xg)"));
    }

    @Test
    void otherEscapedBytesStandForThemselvesAndOnlyAWholeFieldBackslashNIsNull() {
        assertThat(hashOf("\\q\\N\t\\N\t\\\\N\n", 3)).isEqualTo(text("(qN,,\"\\\\N\")"));
        assertThat(hashOf("\\N", 1)).as("NULL at the end of a row without newline").isEqualTo(text("()"));
    }

    @Test
    void quotingFollowsRecordOut() {
        assertThat(hashOf("\ta b\t(\t,\t\"\\b\n", 5)).isEqualTo(text("(\"\",\"a b\",\"(\",\",\",\"\"\"\b\")"));
        assertThat(hashOf("\\b\n", 1)).as("a backspace needs no quotes").isEqualTo(text("(\b)"));
        assertThat(hashOf("x\textra\n", 1)).as("only the first columns count").isEqualTo(text("(x)"));
        assertThat(hashOf("\n", 0)).as("no columns: the empty string").isEqualTo(text(""));
    }

    private int hashOf(String copyRow, int columns) {
        byte[] bytes = copyRow.getBytes(StandardCharsets.UTF_8);
        return hash.hash(bytes, bytes.length, columns);
    }

    private static int text(String recordText) {
        byte[] bytes = recordText.getBytes(StandardCharsets.UTF_8);
        return TextHash.of(bytes, 0, bytes.length);
    }
}
