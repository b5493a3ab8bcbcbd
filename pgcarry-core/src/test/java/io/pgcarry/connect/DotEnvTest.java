package io.pgcarry.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.error.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotEnvTest {
    @TempDir
    Path dir;

    @Test
    void handlesCommentsQuotesAndExport() {
        Map<String, String> values = DotEnv.parse(List.of(
                "# v1 snapshot",
                "",
                "export V1_DEV_SNAPSHOT_DIRECT_URL=\"postgresql://a:b@h/db?sslmode=require\"",
                "DATABASE_URL='postgresql://pooled:x@h:6543/db' ",
                "PLAIN = postgresql://u@h/db # trailing comment",
                "HASH_IN_QUOTES=\"pa#ss\"",
                "EMPTY="), "test.env");
        assertThat(values).containsExactly(
                Map.entry("V1_DEV_SNAPSHOT_DIRECT_URL", "postgresql://a:b@h/db?sslmode=require"),
                Map.entry("DATABASE_URL", "postgresql://pooled:x@h:6543/db"),
                Map.entry("PLAIN", "postgresql://u@h/db"),
                Map.entry("HASH_IN_QUOTES", "pa#ss"),
                Map.entry("EMPTY", ""));
    }

    @Test
    void readsOneVariableFromAFile() throws Exception {
        Path file = dir.resolve(".env.v2.dev");
        Files.writeString(file, "DATABASE_DIRECT_URL=postgresql://app@localhost/v2\n");
        assertThat(DotEnv.variable(file, "DATABASE_DIRECT_URL")).isEqualTo("postgresql://app@localhost/v2");
    }

    @Test
    void missingVariableNamesTheFileAndWhatItHas() throws Exception {
        Path file = dir.resolve(".env");
        Files.writeString(file, "A=1\nB=2\n");
        assertThatThrownBy(() -> DotEnv.variable(file, "DATABASE_URL"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("variable DATABASE_URL is not set in env file " + file + "; it defines A, B");
    }

    @Test
    void emptyVariableIsAnError() throws Exception {
        Path file = dir.resolve(".env");
        Files.writeString(file, "DATABASE_URL=\n");
        assertThatThrownBy(() -> DotEnv.variable(file, "DATABASE_URL"))
                .hasMessage("variable DATABASE_URL in env file " + file + " is empty; set it to a postgresql:// URL");
    }

    @Test
    void missingFileIsAnError() {
        Path file = dir.resolve("nope.env");
        assertThatThrownBy(() -> DotEnv.read(file))
                .hasMessage("env file " + file + " does not exist; check the path given with --*-env-file or env_file");
    }

    @Test
    void unreadableFileIsAnError() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("a-directory.env"));
        assertThatThrownBy(() -> DotEnv.read(directory))
                .hasMessageStartingWith("cannot read env file " + directory);
    }

    @Test
    void malformedLinesAreNamed() {
        assertThatThrownBy(() -> DotEnv.parse(List.of("OK=1", "this is not a variable"), "x.env"))
                .hasMessage("x.env line 2 is not KEY=value; fix or comment it out with #");
        assertThatThrownBy(() -> DotEnv.parse(List.of("A=\"open"), "x.env"))
                .hasMessage("x.env line 1 has an unclosed \" quote");
    }

    @Test
    void pgpassIsReadLikeLibpqDoes() throws Exception {
        Path file = dir.resolve("pgpass");
        Files.writeString(file, "# comment\nother:5432:*:*:nope\nlocalhost:5432:db\\:1:app:pa\\:ss\n*:*:*:*:fallback\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        PgPass pgpass = PgPass.load(file);
        assertThat(pgpass.find("localhost", 5432, "db:1", "app")).contains("pa:ss");
        assertThat(pgpass.find("127.0.0.1", 5432, "db:1", "app")).contains("pa:ss");
        assertThat(pgpass.find("elsewhere", 1, "x", "y")).contains("fallback");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(PgPass.load(file).find("elsewhere", 1, "x", "y")).as("world-readable file is ignored").isEmpty();
    }
}
