package io.pgcarry.migrate.checksum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.error.ConfigurationException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The fixture files were written by hand in the shell, their hashes computed over the exact bytes Graphile Migrate
 * hashes:
 * <pre>
 * b1=$'create table users (id serial primary key);\n'
 * h1="sha1:$(printf '%s' "$b1" | sha1sum | cut -c1-40)"
 * b2=$'create table posts (\n  id serial primary key,\n  user_id int references users\n);\n'
 * h2="sha1:$(printf '%s\n%s' "$h1" "$b2" | sha1sum | cut -c1-40)"
 * </pre>
 * Graphile Migrate 1.4.1's own {@code parseMigrationText} and {@code calculateHash} give the same two hashes, and
 * refuse {@code crlf/000002-add-posts.sql} (the second file converted with {@code sed 's/$/\r/'}).
 */
class GraphileChecksumTest {
    private static final String H1 = "sha1:7e1d4238404f9157daa5bb37b111a41515f31d28";
    private static final String H2 = "sha1:8d1ea1fcd6531c9fe86fc51c2307054042577392";

    @Test
    void parsesHeadersAndBodyOfCommittedMigrations() throws Exception {
        GraphileMigration first = GraphileChecksum.parse("000001.sql", read("committed/000001.sql"));
        GraphileMigration second = GraphileChecksum.parse("000002-add-posts.sql", read("committed/000002-add-posts.sql"));

        assertThat(first.previousHash()).isNull();
        assertThat(first.hash()).isEqualTo(H1);
        assertThat(first.body()).isEqualTo("create table users (id serial primary key);\n");
        assertThat(second.filename()).isEqualTo("000002.sql");
        assertThat(second.realFilename()).isEqualTo("000002-add-posts.sql");
        assertThat(second.previousHash()).isEqualTo(H1);
        assertThat(second.message()).isEqualTo("add posts");
        assertThat(second.allowInvalidHash()).isFalse();
    }

    @Test
    void recomputesTheHashChain() throws Exception {
        GraphileMigration first = GraphileChecksum.parse("000001.sql", read("committed/000001.sql"));
        GraphileMigration second = GraphileChecksum.parse("000002-add-posts.sql", read("committed/000002-add-posts.sql"));

        assertThat(GraphileChecksum.hash(first.body(), null)).isEqualTo(H1);
        assertThat(GraphileChecksum.hash(second.body(), H1)).isEqualTo(H2);
        assertThat(first.hashMatchesBody()).isTrue();
        assertThat(second.hashMatchesBody()).isTrue();
        // The hashed text is trimmed as a whole: white space after a body, or before the first one, does not count.
        assertThat(GraphileChecksum.hash(second.body() + "  \n\n", H1)).isEqualTo(H2);
        assertThat(GraphileChecksum.hash("\n\n" + first.body(), null)).isEqualTo(H1);
        assertThat(GraphileChecksum.hash("\n" + second.body(), H1)).isNotEqualTo(H2);
    }

    @Test
    void refusesACrlfFileAsGraphileMigrateDoesButMatchesItsLfForm() throws Exception {
        byte[] crlf = Files.readAllBytes(dir().resolve("crlf/000002-add-posts.sql"));
        byte[] lf = Files.readAllBytes(dir().resolve("committed/000002-add-posts.sql"));

        assertThatThrownBy(() -> GraphileChecksum.parse("000002-add-posts.sql", crlf))
                .isInstanceOf(ConfigurationException.class);
        assertThat(GraphileChecksum.match(H2, "000002-add-posts.sql", lf, H1)).isEqualTo(ChecksumMatch.EQUAL);
        assertThat(GraphileChecksum.match(H2, "000002-add-posts.sql", crlf, H1))
                .isEqualTo(ChecksumMatch.LINE_ENDINGS_ONLY);
        byte[] edited = read("committed/000002-add-posts.sql").replace("user_id int", "user_id bigint").getBytes();
        assertThat(GraphileChecksum.match(H2, "000002-add-posts.sql", edited, H1)).isEqualTo(ChecksumMatch.DIFFERENT);
    }

    @Test
    void anEditedBodyNoLongerMatchesTheHashItsHeaderClaims() throws Exception {
        String edited = read("committed/000001.sql").replace("serial", "bigserial");

        assertThat(GraphileChecksum.parse("000001.sql", edited).hashMatchesBody()).isFalse();
    }

    @Test
    void refusesMissingOrRepeatedHeadersAndAMissingEmptyLine() {
        assertThatThrownBy(() -> GraphileChecksum.parse("000001.sql", "--! Hash: sha1:x\n\nselect 1;\n"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("Previous");
        assertThatThrownBy(() -> GraphileChecksum.parse("000001.sql", "--! Previous: -\n--! Previous: -\n\nx\n"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("more than once");
        assertThatThrownBy(() -> GraphileChecksum.parse("000001.sql", "--! Previous: -\n--! Hash: sha1:x\nx\n"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("empty line");
    }

    @Test
    void knowsMigrationFileNames() {
        assertThat(GraphileChecksum.isMigrationFilename("000001.sql")).isTrue();
        assertThat(GraphileChecksum.isMigrationFilename("000002-add_posts.sql")).isTrue();
        assertThat(GraphileChecksum.isMigrationFilename("current.sql")).isFalse();
    }

    private static String read(String name) throws Exception {
        return Files.readString(dir().resolve(name));
    }

    private static Path dir() throws URISyntaxException {
        return Path.of(GraphileChecksumTest.class.getResource("/io/pgcarry/migrate/checksum/graphile").toURI());
    }
}
