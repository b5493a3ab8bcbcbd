package io.pgcarry.migrate.checksum;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChecksumMatchTest {
    @Test
    void convertsBetweenLfAndCrlfLeavingALoneCrAlone() {
        assertThat(new String(LineEndings.toLf("a\r\nb\rc\n".getBytes(UTF_8)), UTF_8)).isEqualTo("a\nb\rc\n");
        assertThat(new String(LineEndings.toCrlf("a\nb\r\nc".getBytes(UTF_8)), UTF_8)).isEqualTo("a\r\nb\r\nc");
        assertThat(new String(LineEndings.toCrlf("\n".getBytes(UTF_8)), UTF_8)).isEqualTo("\r\n");
    }

    @Test
    void tellsEqualLineEndingsOnlyDifferentAndUnknown() {
        byte[] lf = "select 1;\nselect 2;\n".getBytes(UTF_8);
        byte[] crlf = "select 1;\r\nselect 2;\r\n".getBytes(UTF_8);
        // sha1sum of the LF bytes: printf 'select 1;\nselect 2;\n' | sha1sum
        String recorded = Digests.sha1Hex(lf);

        assertThat(ChecksumMatch.of(recorded, lf, Digests::sha1Hex)).isEqualTo(ChecksumMatch.EQUAL);
        assertThat(ChecksumMatch.of(recorded, crlf, Digests::sha1Hex)).isEqualTo(ChecksumMatch.LINE_ENDINGS_ONLY);
        assertThat(ChecksumMatch.of(Digests.sha1Hex(crlf), lf, Digests::sha1Hex))
                .isEqualTo(ChecksumMatch.LINE_ENDINGS_ONLY);
        assertThat(ChecksumMatch.of(recorded, "select 3;\n".getBytes(UTF_8), Digests::sha1Hex))
                .isEqualTo(ChecksumMatch.DIFFERENT);
        assertThat(ChecksumMatch.of(null, lf, Digests::sha1Hex)).isEqualTo(ChecksumMatch.UNKNOWN);
    }

    @Test
    void trimsAsJavaScriptDoes() {
        assertThat(JavaScriptText.trim("\uFEFF\u00A0 \t\r\n x y \u2028\u3000")).isEqualTo("x y");
        assertThat(JavaScriptText.trim("\u200Bx")).isEqualTo("\u200Bx");
    }
}
