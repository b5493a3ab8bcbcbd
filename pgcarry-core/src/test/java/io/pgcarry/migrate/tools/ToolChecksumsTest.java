package io.pgcarry.migrate.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.migrate.FileChecksum;
import io.pgcarry.migrate.FileChecksum.Match;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Each tool's checksum against values worked out apart from pgcarry: the SHA-256 values with {@code sha256sum} (and
 * Python's hashlib for Prisma's old unpadded rendering, {@code ''.join(format(b, 'x') for b in digest)}), Flyway's with
 * Python's {@code zlib.crc32} over the UTF-8 bytes of the lines joined without their endings, made signed.
 */
class ToolChecksumsTest {
    private static final byte[] LF = bytes("CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n");
    private static final byte[] CRLF = bytes("CREATE TABLE a (id int);\r\nINSERT INTO a VALUES (1);\r\n");
    // printf 'CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n' | sha256sum
    private static final String LF_SHA = "953057d3b1f4195b0420b5ae05a41f81e260c77d1f82fb4d3f2af7392ec1ac96";
    // the same with \r\n
    private static final String CRLF_SHA = "8bdc244701839d4a8aa8f9fb4df1cd2dca89c32af2903c01ca4150fc066d1421";

    @Test
    void sha256HexIsWhatSha256sumPrints() {
        assertThat(FileHashes.sha256Hex(bytes("hello"))).isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
        assertThat(FileHashes.sha256Hex(LF)).isEqualTo(LF_SHA);
        assertThat(FileHashes.sha256Hex(CRLF)).isEqualTo(CRLF_SHA);
    }

    @Test
    void lineEndingFormsReplaceOnlyCrlfAndKeepALoneCr() {
        assertThat(FileHashes.lf(CRLF)).isEqualTo(LF);
        assertThat(FileHashes.crlf(LF)).isEqualTo(CRLF);
        assertThat(FileHashes.crlf(CRLF)).isEqualTo(CRLF);
        assertThat(new String(FileHashes.lf(bytes("a\rb\r\nc")), StandardCharsets.UTF_8)).isEqualTo("a\rb\nc");
        assertThat(new String(FileHashes.crlf(bytes("a\rb\nc\r\n")), StandardCharsets.UTF_8)).isEqualTo("a\rb\r\nc\r\n");
    }

    @Test
    void prismaChecksumIsTheSha256OfTheFileAndKnowsItsOldUnpaddedHex() {
        FileChecksum lf = PrismaSupport.checksum(LF);
        assertThat(lf.shown()).isEqualTo(LF_SHA);
        // an engine before prisma-engines#1887 wrote each byte without zero-padding: 0x04 as "4"
        assertThat(lf.match("953057d3b1f4195b420b5ae5a41f81e260c77d1f82fb4d3f2af7392ec1ac96")).isEqualTo(Match.SAME);
        assertThat(lf.match(CRLF_SHA)).isEqualTo(Match.CRLF_FORM);
        FileChecksum crlf = PrismaSupport.checksum(CRLF);
        assertThat(crlf.shown()).isEqualTo(CRLF_SHA);
        assertThat(crlf.match(LF_SHA)).isEqualTo(Match.LF_FORM);
        assertThat(crlf.match(LF_SHA.replace('9', '8'))).isEqualTo(Match.DIFFERENT);
        // printf 'select 59;\n': its digest starts with byte 0x04
        assertThat(PrismaSupport.checksum(bytes("select 59;\n")).match("41414169455645e6b45e223161e2c627b43878839a1a185f2eb25f8fb883"))
                .isEqualTo(Match.SAME);
    }

    @Test
    void drizzleHashesTheTextWithCrlfMadeLfAndOnceHashedItRaw() {
        FileChecksum crlf = DrizzleSupport.checksum(CRLF);
        assertThat(crlf.shown()).isEqualTo(LF_SHA);
        assertThat(crlf.match(LF_SHA)).isEqualTo(Match.SAME);
        assertThat(crlf.match(CRLF_SHA)).isEqualTo(Match.SAME);
        // a ledger written by an old drizzle from a CRLF checkout, read against the file now LF
        assertThat(DrizzleSupport.checksum(LF).match(CRLF_SHA)).isEqualTo(Match.CRLF_FORM);
    }

    @Test
    void flywayChecksumIsCrc32OfTheLinesWithoutTheirEndings() {
        // python3: zlib.crc32(b'CREATE TABLE a (id int);INSERT INTO a VALUES (1);') as signed 32 bits
        assertThat(FlywayChecksum.of(LF)).isEqualTo(-279898995);
        assertThat(FlywayChecksum.of(CRLF)).isEqualTo(-279898995);
        assertThat(FlywayChecksum.of(bytes("CREATE TABLE a (id int);\rINSERT INTO a VALUES (1);"))).isEqualTo(-279898995);
        assertThat(FlywayChecksum.of(bytes("\uFEFFCREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n"))).isEqualTo(-279898995);
        assertThat(FlywayChecksum.of(bytes("CREATE TABLE a (id int);\n\n\nINSERT INTO a VALUES (1);"))).isEqualTo(-279898995);
        assertThat(FlywayChecksum.of(bytes("CREATE TABLE a (id int);\n\uFEFFINSERT INTO a VALUES (1);"))).isNotEqualTo(-279898995);
        // zlib.crc32('-- café'.encode() + b'SELECT 1;'): lines go in as UTF-8
        assertThat(FlywayChecksum.of(bytes("-- café\nSELECT 1;\n"))).isEqualTo(139021238);
        assertThat(FlywayChecksum.of(new byte[0])).isZero();
        assertThat(FlywayChecksum.of(bytes("\n"))).isZero();
    }

    @Test
    void flywayChecksumIsTheSameForEveryLineEndingForm() {
        FileChecksum checksum = FlywaySupport.checksum(CRLF);
        assertThat(checksum.shown()).isEqualTo("-279898995");
        assertThat(checksum.match("-279898995")).isEqualTo(Match.SAME);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
