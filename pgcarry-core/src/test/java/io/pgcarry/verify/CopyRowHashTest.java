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

    @Test
    void everyRowHashesAsItsRecordTextWrittenOutTheSlowWay() {
        // Values of every length around the eight-byte words the fast path copies, with the bytes that end a word's
        // fast copy (tab, control characters, quote, backslash escapes) and the ones that only need quotes at every
        // position.
        String[] pieces = {"a", "b", "Z", "0", " ", ",", "(", ")", "\"", "\\\\", "\\t", "\\n", "\\r", "\\b", "\\v", "\\f",
            "\\101", "\\x41", "\\q", "\u0001", "\u001f", "é", "日本", "✓", "\u007f"};
        java.util.Random random = new java.util.Random(20261124);
        for (int n = 0; n < 20000; n++) {
            int columns = 1 + random.nextInt(5);
            StringBuilder row = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                if (c > 0) {
                    row.append('\t');
                }
                if (random.nextInt(10) == 0) {
                    row.append("\\N");
                    continue;
                }
                int length = random.nextInt(40);
                boolean plain = random.nextBoolean();
                for (int i = 0; i < length; i++) {
                    row.append(plain && random.nextInt(8) > 0 ? pieces[random.nextInt(4)] : pieces[random.nextInt(pieces.length)]);
                }
            }
            row.append('\n');
            assertThat(hashOf(row.toString(), columns)).as("row %s", row).isEqualTo(text(SlowRecordText.of(row.toString(), columns)));
        }
    }

    /** The record text of a COPY row by the rules alone: split, unescape, then quote as record_out does. */
    private static final class SlowRecordText {
        static String of(String copyRow, int columns) {
            String body = copyRow.endsWith("\n") ? copyRow.substring(0, copyRow.length() - 1) : copyRow;
            String[] fields = body.split("\t", -1);
            StringBuilder out = new StringBuilder("(");
            for (int c = 0; c < columns; c++) {
                if (c > 0) {
                    out.append(',');
                }
                if (!fields[c].equals("\\N")) {
                    out.append(quoted(unescape(fields[c])));
                }
            }
            return out.append(')').toString();
        }

        private static String unescape(String field) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < field.length(); i++) {
                char ch = field.charAt(i);
                if (ch != '\\' || i + 1 == field.length()) {
                    out.append(ch);
                    continue;
                }
                char e = field.charAt(++i);
                switch (e) {
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'v' -> out.append('\u000b');
                    case 'x' -> {
                        int end = i + 1;
                        while (end < field.length() && end < i + 3 && Character.digit(field.charAt(end), 16) >= 0) {
                            end++;
                        }
                        out.append(end == i + 1 ? 'x' : (char) Integer.parseInt(field.substring(i + 1, end), 16));
                        i = end - 1;
                    }
                    default -> {
                        if (e >= '0' && e <= '7') {
                            int end = i + 1;
                            while (end < field.length() && end < i + 3 && field.charAt(end) >= '0' && field.charAt(end) <= '7') {
                                end++;
                            }
                            out.append((char) Integer.parseInt(field.substring(i, end), 8));
                            i = end - 1;
                        } else {
                            out.append(e);
                        }
                    }
                }
            }
            return out.toString();
        }

        private static String quoted(String value) {
            boolean needs = value.isEmpty() || value.chars().anyMatch(ch -> "\"\\(), \t\n\u000b\f\r".indexOf(ch) >= 0);
            if (!needs) {
                return value;
            }
            return "\"" + value.replace("\\", "\\\\").replace("\"", "\"\"") + "\"";
        }
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
