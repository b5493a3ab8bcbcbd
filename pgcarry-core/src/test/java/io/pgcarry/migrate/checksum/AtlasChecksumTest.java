package io.pgcarry.migrate.checksum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.error.ConfigurationException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture's {@code atlas.sum} was written by hand in the shell, over the exact file bytes, with
 * {@code b64sha(){ sha256sum | cut -c1-64 | xxd -r -p | base64; }}:
 * <pre>
 * h1=$({ printf %s $n1; cat $n1; } | b64sha)
 * h2=$({ printf %s $n1; cat $n1; printf %s $n2; cat $n2; } | b64sha)
 * h4=$({ printf %s $n1; cat $n1; printf %s $n2; cat $n2; printf %s $n3; printf %s $n4; cat $n4; } | b64sha)
 * tot=$(printf '%s%s%s%s%s%s' $n1 $h1 $n2 $h2 $n4 $h4 | b64sha)
 * </pre>
 * where n1..n4 are the four file names in order and n3 ({@code _seed.sql}) starts with {@code -- atlas:sum ignore},
 * so only its name enters the chain. {@code crlf/} holds the same files converted with {@code sed 's/$/\r/'} beside
 * the LF directory's {@code atlas.sum}; the CRLF first file's hash,
 * {@code { printf %s 20240101000000_init.sql; cat crlf/20240101000000_init.sql; } | b64sha}, is
 * {@code aC239LVvLxgdDzL+zVT9RruNBHZViJMw8Y+HB4c3V6M=}. {@code edited/} has the second file changed after hashing.
 */
class AtlasChecksumTest {
    private static final String INIT = "20240101000000_init.sql";
    private static final String ADD_NAME = "20240102000000_add_name.sql";
    private static final String INDEX = "20240104000000_index.sql";
    private static final String INIT_HASH = "SHzK9HMd1VJXxyfkB4DdEsZDHvMZKf0Wuy5nmE70+m8=";
    private static final String ADD_NAME_HASH = "78mDezItZff5PelZaCTJ8Zwn7nNsMTyt2HHvZMSpVaM=";
    private static final String INDEX_HASH = "SjeSEIZ4hC4epiVdbXi3nADqxprS3xSu+YXNkrWgpkQ=";
    private static final String TOTAL = "ZCVYjq0eHeXua+iJhPIEPYlUVFI09FLxi45ZEJdLDbI=";

    @Test
    void computesTheChainedHashesAndTheTotalOfTheSumFile() throws Exception {
        AtlasSumFile computed = AtlasChecksum.compute(AtlasChecksum.readDirectory(dir("migrations")));

        assertThat(computed.entries()).containsExactly(new AtlasSumFile.Entry(INIT, INIT_HASH),
                new AtlasSumFile.Entry(ADD_NAME, ADD_NAME_HASH), new AtlasSumFile.Entry(INDEX, INDEX_HASH));
        assertThat(computed.total()).isEqualTo(TOTAL);
        assertThat(computed.format()).isEqualTo(Files.readString(dir("migrations").resolve("atlas.sum")));
    }

    @Test
    void parsesTheSumFileAndChecksItsTotal() throws Exception {
        AtlasSumFile sum = AtlasSumFile.parse(Files.readString(dir("migrations").resolve("atlas.sum")));

        assertThat(sum.total()).isEqualTo(TOTAL);
        assertThat(sum.hashOf(ADD_NAME)).contains(ADD_NAME_HASH);
        assertThat(sum.isConsistent()).isTrue();
        AtlasSumFile tampered = AtlasSumFile.parse(sum.format().replace(ADD_NAME_HASH, INIT_HASH));
        assertThat(tampered.isConsistent()).isFalse();
        assertThat(AtlasSumFile.parse(sum.format().replace("\n", "\r\n"))).isEqualTo(sum);
        assertThatThrownBy(() -> AtlasSumFile.parse("h1:x\nno hash here\n"))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void verifiesADirectoryAgainstItsSumFileAndNamesTheFirstEditedFile() throws Exception {
        AtlasVerification clean = AtlasChecksum.verify(dir("migrations"));
        AtlasVerification edited = AtlasChecksum.verify(dir("edited"));

        assertThat(clean.matches()).isTrue();
        assertThat(clean.differing()).isEmpty();
        assertThat(edited.matches()).isFalse();
        assertThat(edited.firstDifference()).isEqualTo(ADD_NAME);
        // The chain carries the edit to every later file.
        assertThat(edited.differing()).containsExactly(ADD_NAME, INDEX);
    }

    @Test
    void aCrlfCheckoutDiffersButOnlyInLineEndings() throws Exception {
        Map<String, byte[]> crlf = AtlasChecksum.readDirectory(dir("crlf"));
        AtlasVerification verification = AtlasChecksum.verify(dir("crlf"));

        assertThat(new String(crlf.get(INIT), StandardCharsets.UTF_8)).endsWith(";\r\n");
        assertThat(verification.matches()).isFalse();
        assertThat(verification.computed().hashOf(INIT)).contains("aC239LVvLxgdDzL+zVT9RruNBHZViJMw8Y+HB4c3V6M=");
        assertThat(AtlasChecksum.match(ADD_NAME_HASH, ADD_NAME, crlf)).isEqualTo(ChecksumMatch.LINE_ENDINGS_ONLY);
        assertThat(AtlasChecksum.match("h1:" + INDEX_HASH, INDEX, crlf)).isEqualTo(ChecksumMatch.LINE_ENDINGS_ONLY);
    }

    @Test
    void chainsEachFilesHashAndItsLineEndingFormsOverTheEarlierFilesAsTheyAre() throws Exception {
        Map<String, byte[]> crlf = AtlasChecksum.readDirectory(dir("crlf"));
        Map<String, byte[]> mixed = AtlasChecksum.readDirectory(dir("migrations"));
        mixed.put(ADD_NAME, crlf.get(ADD_NAME));

        assertThat(AtlasChecksum.chain(AtlasChecksum.readDirectory(dir("migrations"))))
                .extracting(AtlasChecksum.ChainedHash::asIs).containsExactly(INIT_HASH, ADD_NAME_HASH, INDEX_HASH);
        // Only the first file is CRLF: its LF form gives the hash recorded; every other form does not.
        assertThat(AtlasChecksum.chain(crlf).get(0).lf()).isEqualTo(INIT_HASH);
        assertThat(AtlasChecksum.chain(crlf).get(0).asIs()).isEqualTo("aC239LVvLxgdDzL+zVT9RruNBHZViJMw8Y+HB4c3V6M=");
        assertThat(AtlasChecksum.chain(mixed)).extracting(AtlasChecksum.ChainedHash::lf)
                .containsExactly(INIT_HASH, ADD_NAME_HASH, AtlasChecksum.chain(mixed).get(2).lf());
        assertThat(AtlasChecksum.chain(mixed).get(2).lf()).isNotEqualTo(INDEX_HASH);
        assertThat(AtlasChecksum.chain(mixed).get(0).crlf()).isNotEqualTo(INIT_HASH);
    }

    @Test
    void matchesARevisionHashAgainstTheDirectory() throws Exception {
        Map<String, byte[]> files = AtlasChecksum.readDirectory(dir("migrations"));
        Map<String, byte[]> edited = AtlasChecksum.readDirectory(dir("edited"));

        assertThat(AtlasChecksum.match(ADD_NAME_HASH, ADD_NAME, files)).isEqualTo(ChecksumMatch.EQUAL);
        assertThat(AtlasChecksum.match(ADD_NAME_HASH, ADD_NAME, edited)).isEqualTo(ChecksumMatch.DIFFERENT);
        assertThat(AtlasChecksum.match(INIT_HASH, INIT, edited)).isEqualTo(ChecksumMatch.EQUAL);
        assertThat(AtlasChecksum.match(null, INIT, files)).isEqualTo(ChecksumMatch.UNKNOWN);
    }

    @Test
    void aDirectoryWithFilesAndNoSumFileFailsAndAnEmptyOnePasses(@TempDir Path temp) throws Exception {
        assertThat(AtlasChecksum.verify(temp).matches()).isTrue();
        Files.writeString(temp.resolve(INIT), "CREATE TABLE t (id int);\n");
        AtlasVerification verification = AtlasChecksum.verify(temp);
        assertThat(verification.sumFilePresent()).isFalse();
        assertThat(verification.matches()).isFalse();
        assertThat(verification.computed().hashOf(INIT)).contains(INIT_HASH);
    }

    @Test
    void takesVersionAndDescriptionFromTheFileName() {
        assertThat(AtlasLedger.version(ADD_NAME)).isEqualTo("20240102000000");
        assertThat(AtlasLedger.description(ADD_NAME)).isEqualTo("add_name");
        assertThat(AtlasLedger.description("20240102000000.sql")).isEmpty();
    }

    private static Path dir(String name) throws URISyntaxException {
        return Path.of(AtlasChecksumTest.class.getResource("/io/pgcarry/migrate/checksum/atlas/" + name).toURI());
    }
}
